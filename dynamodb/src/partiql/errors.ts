// Errors of the PartiQL operations, as data. Messages are DynamoDB's own text (the
// ValidationExceptionMessages catalogue of DynamoDB's PartiQL front end, as shipped in
// DynamoDB Local), so learners see what the real service answers:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.html

import { DynamoError, validation } from '../errors.ts';

/** A statement the grammar does not accept. */
export const malformed = (detail: string) => validation(`Statement wasn't well formed, can't be processed: ${detail}`);

/** INSERT of a key that exists (ExecuteStatement's error; a batch/transaction reports `DuplicateItem`). */
export const duplicateItem = () => new DynamoError('DuplicateItemException', DUPLICATE_ITEM);
export const DUPLICATE_ITEM = 'Duplicate primary key exists in table';

export const INCOMPLETE_KEY = 'Where clause does not contain a mandatory equality on all key attributes';
export const PARAMETER_COUNT = "Number of parameters in request and statement don't match.";
export const MISSING_COMPARED = 'MISSING must be compared using IS operator';
export const STAR_AND_OTHERS = "Other attributes should not be present in the projection when '*' is used.";
export const INVALID_NEXT_TOKEN = 'Invalid NextToken';
export const TOKEN_MISMATCH = 'NextToken does not match request';
export const CONSISTENT_READ_ON_GSI = 'Strongly consistent read is not supported on Global Secondary Indexes';
export const NOT_ON_INDEX = 'This operation is not supported on an index';
export const RETURNING_IN_INSERT = 'RETURNING is not supported in INSERT';
export const ORDER_BY_WITHOUT_WHERE = 'Must have WHERE clause in the statement when using ORDER BY clause.';
export const ORDER_BY_WITHOUT_HASH = 'Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.';
export const ORDER_BY_NEEDS_HASH = 'Must have hash key in ORDER BY clause when more than one hash key condition specified in WHERE clause.';
export const MIXED_TRANSACTION = 'ExecuteTransaction API does not support both read and write operations in the same request.';
// Not recorded: the batch counterpart of MIXED_TRANSACTION, worded like it.
export const MIXED_BATCH = 'BatchExecuteStatement API does not support both read and write operations in the same request.';
export const TX_READ_NEEDS_KEY = 'Select statements within ExecuteTransaction must specify the primary key in the where clause.';
export const TX_NO_INDEX = 'Reads on indices are not supported within transactions.';
// Not in the catalogue: DynamoDB refuses RETURNING in a transaction, with a message not recorded here.
export const RETURNING_IN_TRANSACTION = 'RETURNING is not supported in ExecuteTransaction';
export const EXISTS_OUTSIDE_TX = 'EXISTS can only be used in ExecuteTransaction write requests.';
export const EXISTS_NEEDS_KEY = 'EXISTS() must contain a single item read with additional condition';

export const orderByNotKey = (name: string) => validation(`Variable reference ${name} in ORDER BY clause must be part of the primary key`);
export const duplicateProjection = (name: string) => validation(`Duplicate identifiers in select clause: ${name}`);
export const unsupported = (what: string) => validation(`Unsupported operation: ${what}`);
export const unrecognizedFunction = (name: string) => validation(`Unrecognized function: ${name}`);
export const deleteReturning = (what: string) =>
  validation(`Invalid returning clause: RETURNING ${what}. Only RETURNING ALL OLD * is allowed in DELETE statements.`);
export const multipleKeyConditions = (name: string) =>
  validation(`Multiple conditions on same key ${name}. Only single item Update/Insert/Delete are supported`);
export const keyAbsent = (name: string) => validation(`Key attribute should be present in the item: Key ${name}`);
export const keyTypeMismatch = (name: string) =>
  validation(`Key attribute's data type should match its data type in table's schema: Key ${name}`);
export const duplicateTupleKey = (key: string, under: string) => validation(`Duplicate keys in tuple. Key: ${key} under ${under}`);
export const unsupportedDataType = (type: string, under: string) => validation(`Unsupported data type: ${type} under key ${under}`);
/**
 * A transaction statement that parsed but cannot run as written (key, index, EXISTS checks).
 * The catalogue spells it `statements[i]`; the service answers `TransactStatements[i]`, as
 * recorded by public emulator suites, e.g. for an EXISTS without a condition.
 */
export const inStatement = (index: number, message: string) => validation(`Validation failed in TransactStatements[${index}]: ${message}`);
