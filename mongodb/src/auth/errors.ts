// Auth-specific error factories, with the real server's codes and messages
// (https://www.mongodb.com/docs/manual/reference/error-codes/).
import { CommandError, errors } from '../errors.ts';

export const authErrors = {
  /** Bad user name or password: deliberately the same message for both. */
  authenticationFailed: () => errors.authenticationFailed('Authentication failed.'),
  requiresAuthentication: (command: string) => errors.unauthorized(`command ${command} requires authentication`),
  notAuthorized: (db: string, rendered: string) => errors.unauthorized(`not authorized on ${db} to execute command ${rendered}`),
  mechanismUnavailable: (mechanism: string) =>
    new CommandError(334, 'MechanismUnavailable', `Received authentication for mechanism ${mechanism} which is not enabled`),
  noConversation: () => new CommandError(17, 'ProtocolError', 'No SASL session state found'),
  malformed: (msg: string) => errors.badValue(msg),
  userExists: (user: string, db: string) => errors.location(51003, `User "${user}@${db}" already exists`),
  userNotFound: (user: string, db: string) => new CommandError(11, 'UserNotFound', `Could not find user "${user}" for db "${db}"`),
  roleNotFound: (role: string, db: string) => new CommandError(31, 'RoleNotFound', `Could not find role: ${role}@${db}`),
  missingField: (command: string, field: string) =>
    errors.location(40414, `BSON field '${command}.${field}' is missing but a required field`),
  badValue: (msg: string) => errors.badValue(msg),
};
