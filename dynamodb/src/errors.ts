// Errors as data, one factory per AWS error type. The wire shape and HTTP status follow
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
// Messages are copied from what DynamoDB itself answers, so learners see the real text.

const PREFIX = 'com.amazonaws.dynamodb.v20120810#';
// Errors raised before the request reaches DynamoDB proper come from AWS's shared front end
// (Coral) and carry its namespaces, e.g. `com.amazon.coral.validate#ValidationException`.
const CORAL_PREFIX: Record<string, string> = {
  ValidationException: 'com.amazon.coral.validate#',
  SerializationException: 'com.amazon.coral.service#',
  UnknownOperationException: 'com.amazon.coral.service#',
  MissingAuthenticationTokenException: 'com.amazon.coral.service#',
  IncompleteSignatureException: 'com.amazon.coral.service#',
  InvalidSignatureException: 'com.amazon.coral.service#',
  UnrecognizedClientException: 'com.amazon.coral.service#',
  AccessDeniedException: 'com.amazon.coral.service#',
  RequestEntityTooLargeException: 'com.amazon.coral.service#',
};

/** An error DynamoDB would answer with: `__type`, `message` and the HTTP status. */
export class DynamoError extends Error {
  /** Short type name, e.g. `ValidationException`. */
  readonly type: string;
  /** HTTP status the real service answers with. */
  readonly status: number;
  /** Extra top-level fields of the error body (e.g. CancellationReasons, Item). */
  readonly extra: Record<string, unknown>;

  constructor(type: string, message: string, status = 400, extra: Record<string, unknown> = {}) {
    super(message);
    this.type = type;
    this.status = status;
    this.extra = extra;
  }

  /** The JSON body the server sends. */
  toBody(prefix = CORAL_PREFIX[this.type] ?? PREFIX): Record<string, unknown> {
    // Real DynamoDB sends SerializationException's text as `Message` (capital M); the SDK reads both.
    const messageKey = this.type === 'SerializationException' ? 'Message' : 'message';
    return { __type: prefix + this.type, [messageKey]: this.message, ...this.extra };
  }
}

export const validation = (message: string) => new DynamoError('ValidationException', message);
export const serialization = (message: string) => new DynamoError('SerializationException', message);
export const resourceNotFound = (message = 'Requested resource not found') =>
  new DynamoError('ResourceNotFoundException', message);
export const resourceInUse = (message: string) => new DynamoError('ResourceInUseException', message);
export const conditionalCheckFailed = (item?: Record<string, unknown>) =>
  new DynamoError('ConditionalCheckFailedException', 'The conditional request failed', 400, item ? { Item: item } : {});
export const unknownOperation = () => new DynamoError('UnknownOperationException', '');
export const missingAuthenticationToken = () =>
  new DynamoError('MissingAuthenticationTokenException', 'Request is missing Authentication Token');
/** `reasons`: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ThrottlingReason.html */
export const throughputExceeded = (reasons: Array<{ reason: string; resource: string }> = []) =>
  new DynamoError(
    'ProvisionedThroughputExceededException',
    'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
    400,
    reasons.length ? { ThrottlingReasons: reasons } : {},
  );
export const limitExceeded = (message: string) => new DynamoError('LimitExceededException', message);
export const internalServerError = (message = 'Internal server error') =>
  new DynamoError('InternalServerError', message, 500);
export const incompleteSignature = (message: string) => new DynamoError('IncompleteSignatureException', message);
export const invalidSignature = (message: string) => new DynamoError('InvalidSignatureException', message);
export const unrecognizedClient = () =>
  new DynamoError('UnrecognizedClientException', 'The security token included in the request is invalid.');
export const requestTooLarge = () =>
  new DynamoError('RequestEntityTooLargeException', 'Request entity too large', 413);
export const itemCollectionSizeLimit = () =>
  new DynamoError(
    'ItemCollectionSizeLimitExceededException',
    'Item collection size limit exceeded for an item collection of a table with local secondary indexes',
  );
/** `reasons` in request order, each {Code, Message?, Item?} as the API reference describes. */
export const transactionCanceled = (reasons: Array<{ Code: string; Message?: string; Item?: unknown }>) =>
  new DynamoError(
    'TransactionCanceledException',
    `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
    400,
    { CancellationReasons: reasons },
  );
export const transactionConflict = () =>
  new DynamoError('TransactionConflictException', 'Transaction is ongoing for the item');
export const transactionInProgress = () =>
  new DynamoError('TransactionInProgressException', 'Transaction is in progress');
export const idempotentParameterMismatch = () =>
  new DynamoError(
    'IdempotentParameterMismatchException',
    'Request rejected because it has the same client request token as a previous request but with different parameters',
  );
export const requestLimitExceeded = (message: string) => new DynamoError('RequestLimitExceeded', message);

/** A ValidationException about one expression parameter, e.g. `Invalid UpdateExpression: ...`. */
export const invalidExpression = (kind: string, message: string) => validation(`Invalid ${kind}: ${message}`);

// DynamoDB Streams errors: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetRecords.html#API_streams_GetRecords_Errors
export const expiredIterator = () =>
  new DynamoError('ExpiredIteratorException', 'The provided iterator exceeds the maximum age allowed.');
export const trimmedDataAccess = () =>
  new DynamoError('TrimmedDataAccessException', 'The data you are trying to access has been trimmed');
