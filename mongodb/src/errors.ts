// Errors as data: every failure a command reports is a CommandError carrying MongoDB's real
// numeric code and codeName (https://www.mongodb.com/docs/manual/reference/error-codes/).
import type { Document } from 'bson';

export class CommandError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly extra: Document;
  constructor(code: number, codeName: string, errmsg: string, extra: Document = {}) {
    super(errmsg);
    this.code = code;
    this.codeName = codeName;
    this.extra = extra;
  }
  toReply(): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }
}

const make = (code: number, codeName: string) => (msg: string, extra?: Document) => new CommandError(code, codeName, msg, extra);

export const errors = {
  internal: make(1, 'InternalError'),
  badValue: make(2, 'BadValue'),
  noSuchKey: make(4, 'NoSuchKey'),
  unauthorized: make(13, 'Unauthorized'),
  typeMismatch: make(14, 'TypeMismatch'),
  authenticationFailed: make(18, 'AuthenticationFailed'),
  illegalOperation: make(20, 'IllegalOperation'),
  namespaceNotFound: make(26, 'NamespaceNotFound'),
  indexNotFound: make(27, 'IndexNotFound'),
  pathNotViable: make(28, 'PathNotViable'),
  conflictingUpdateOperators: make(40, 'ConflictingUpdateOperators'),
  cursorNotFound: make(43, 'CursorNotFound'),
  namespaceExists: make(48, 'NamespaceExists'),
  dollarPrefixedFieldName: make(52, 'DollarPrefixedFieldName'),
  invalidIdField: make(53, 'InvalidIdField'),
  notSingleValueField: make(54, 'NotSingleValueField'),
  commandNotFound: make(59, 'CommandNotFound'),
  immutableField: make(66, 'ImmutableField'),
  cannotCreateIndex: make(67, 'CannotCreateIndex'),
  indexAlreadyExists: make(68, 'IndexAlreadyExists'),
  invalidOptions: make(72, 'InvalidOptions'),
  invalidNamespace: make(73, 'InvalidNamespace'),
  indexOptionsConflict: make(85, 'IndexOptionsConflict'),
  indexKeySpecsConflict: make(86, 'IndexKeySpecsConflict'),
  writeConflict: (msg = 'Write conflict during plan execution and yielding is disabled.') =>
    new CommandError(112, 'WriteConflict', msg, { errorLabels: ['TransientTransactionError'] }),
  commandNotSupported: make(115, 'CommandNotSupported'),
  commandNotSupportedOnView: make(166, 'CommandNotSupportedOnView'),
  optionNotSupportedOnView: make(167, 'OptionNotSupportedOnView'),
  viewDepthLimitExceeded: make(149, 'ViewDepthLimitExceeded'),
  documentValidationFailure: make(121, 'DocumentValidationFailure'),
  notImplemented: make(238, 'NotImplemented'),
  noSuchTransaction: (msg: string) => new CommandError(251, 'NoSuchTransaction', msg, { errorLabels: ['TransientTransactionError'] }),
  transactionTooOld: make(225, 'TransactionTooOld'),
  operationNotSupportedInTransaction: make(263, 'OperationNotSupportedInTransaction'),
  invalidPipelineOperator: make(168, 'InvalidPipelineOperator'),
  failedToParse: make(9, 'FailedToParse'),
  location: (code: number, msg: string) => new CommandError(code, `Location${code}`, msg),
  duplicateKey: (msg: string, keyPattern: Document, keyValue: Document) =>
    new CommandError(11000, 'DuplicateKey', msg, { keyPattern, keyValue }),
};

/** Wraps anything thrown (mingo errors, bugs) into a CommandError so the client gets a reply. */
export function toCommandError(e: unknown): CommandError {
  if (e instanceof CommandError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  // mingo's message for an unknown $$variable is mongod's; so is the code it should carry.
  if (msg.startsWith('Use of undefined variable')) return errors.location(17276, msg);
  return errors.badValue(msg);
}
