// Change-stream error factories with the server's codes
// (https://www.mongodb.com/docs/manual/reference/error-codes/).
import { CommandError, errors } from '../errors.ts';

export const changeStreamErrors = {
  badToken: () => new CommandError(260, 'InvalidResumeToken', 'Invalid resume token: the _data field is not a resume token produced by this server'),
  resumeFromInvalidate: () =>
    new CommandError(260, 'InvalidResumeToken', "Attempting to resume a change stream using 'resumeAfter' is not allowed from an invalidate notification."),
  historyLost: () =>
    new CommandError(286, 'ChangeStreamHistoryLost', 'Resume of change stream was not possible, as the resume point may no longer be in the oplog.'),
  idModified: () =>
    new CommandError(280, 'ChangeStreamFatalError', 'Encountered an event whose _id field, which contains the resume token, was modified by the pipeline. Modifying the _id field of an event makes it impossible to resume the stream from that point. Only transformations that retain the unmodified _id field are allowed.'),
  multipleResumeOptions: () => errors.location(40674, 'Only one type of resume option is allowed, but multiple were found.'),
  unknownOption: (name: string) => errors.location(40415, `BSON field '$changeStream.${name}' is an unknown field.`),
  badEnum: (field: string, value: unknown) =>
    errors.badValue(`Enumeration value '${String(value)}' for field '$changeStream.${field}' is not a valid value.`),
  typeMismatch: (field: string, expected: string) =>
    errors.typeMismatch(`BSON field '$changeStream.${field}' is the wrong type, expected type '${expected}'`),
  internalDb: (db: string) => errors.invalidNamespace(`$changeStream may not be opened on the internal ${db} database`),
  clusterNotOnAdmin: () =>
    errors.invalidOptions("A $changeStream with 'allChangesForCluster:true' may only be opened on the 'admin' database, and with no collection name"),
  stageNotAllowed: (stage: string) => errors.illegalOperation(`${stage} is not permitted in a $changeStream pipeline`),
  inTransaction: () => errors.operationNotSupportedInTransaction('$changeStream cannot be used in a transaction'),
  postImageMissing: () =>
    errors.noSuchKey('Change stream was configured to require a post-image for all update, delete and replace events, but the post-image was not found'),
};
