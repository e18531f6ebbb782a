// DescribeTable expectations (DeleteTable and DescribeTimeToLive share its validation).
// Source: dynalite test/describeTable.js ("validations").

import { type Case, dynalite, notFound, validation } from '../harness.ts';
import { detected, LONG_NAME } from './common.ts';

const op = 'DescribeTable';
const LENGTH = 'TableName must be at least 3 characters long and at most 255 characters long';

const c = (id: string, input: Record<string, unknown>, expect: Case['expect'], test: string): Case => ({
  id: `${op}: ${id}`,
  op,
  input,
  expect,
  source: dynalite('describeTable.js', `should return ${test}`),
});

export const describeTable: Case[] = [
  c('no TableName', {}, validation("The parameter 'TableName' is required but was not present in the request"), 'ValidationException for no TableName'),
  c('empty TableName', { TableName: '' }, validation(LENGTH), 'ValidationException for empty TableName'),
  c('short TableName', { TableName: 'a;' }, validation(LENGTH), 'ValidationException for short TableName'),
  c('long TableName', { TableName: LONG_NAME }, validation(LENGTH), 'ValidationException for long TableName'),
  c(
    'bad character',
    { TableName: 'abc;' },
    validation(detected(["Value 'abc;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"])),
    'ValidationException for null attributes',
  ),
  c('unknown table', { TableName: 'no-such-table' }, notFound('Requested resource not found: Table: no-such-table not found'), 'ResourceNotFoundException if table does not exist'),
];
