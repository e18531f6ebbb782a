// Requests whose only field is the table name (DescribeTable, DeleteTable,
// DescribeTimeToLive), requests without fields (DescribeLimits, DescribeEndpoints), and the
// table-name check the table operations (those plus CreateTable and UpdateTable) run first.

import { validation } from '../errors.ts';
import { validateShape } from './schema.ts';
import { TABLE_NAME } from './shapes.ts';

/**
 * The table operations check TableName on its own, before the listed constraints: missing →
 * "required", outside 3..255 characters → one sentence (not the constraint list the item
 * operations give). Texts as dynalite's validations/index.js answers them today (its author
 * recorded them from DynamoDB, test/describeTable.js and test/createTable.js "no/empty/long
 * TableName"; the older test text spelled "paramater 'tableName'"). A bad character in a name
 * of valid length still goes to the constraint list.
 */
export function checkTableNameFirst(data: Record<string, unknown>): void {
  const name = data.TableName as string | undefined;
  if (name === undefined) throw validation("The parameter 'TableName' is required but was not present in the request");
  if (name.length < 3 || name.length > 255) {
    throw validation('TableName must be at least 3 characters long and at most 255 characters long');
  }
}

export const validateTableName = (body: Record<string, unknown>) =>
  validateShape<{ TableName: string }>(body, { TableName: TABLE_NAME }, checkTableNameFirst);

export const validateNothing = (body: Record<string, unknown>) => validateShape<Record<string, never>>(body, {});
