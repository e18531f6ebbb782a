// UpdateItem expression expectations (UpdateExpression, ConditionExpression and their
// ExpressionAttributeNames/Values). Source: dynalite test/updateItem.js ("validations").

import { type Case, dynalite, validation } from '../harness.ts';

const src = (test: string) => dynalite('updateItem.js', `should return ValidationException for ${test}`);
const op = 'UpdateItem';
const NAMES = { '#a': 'a', '#b': 'b' };
const VALUES = { ':a': { S: 'a' }, ':b': { S: 'a' } };

const u = (id: string, input: Record<string, unknown>, message: string | RegExp, test: string, raw?: string): Case => ({
  id: `${op}: ${id}`,
  op,
  input: { TableName: 'abc', Key: {}, ...input },
  expect: validation(message),
  source: src(test),
  ...(raw ? { raw } : {}),
});

export const updateExpression: Case[] = [
  u('empty ExpressionAttributeValues', { ExpressionAttributeValues: {}, ConditionExpression: '', UpdateExpression: '' }, 'ExpressionAttributeValues must not be empty', 'empty ExpressionAttributeValues'),
  u(
    'ExpressionAttributeValues key without :',
    { ExpressionAttributeValues: { ':b': { S: 'x' }, b: { S: 'a' } }, ConditionExpression: '', UpdateExpression: '' },
    'ExpressionAttributeValues contains invalid key: Syntax error; key: "b"',
    'invalid keys in ExpressionAttributeValues',
  ),
  u(
    'empty value in ExpressionAttributeValues',
    { ExpressionAttributeValues: { ':b': {} }, ConditionExpression: '', UpdateExpression: '' },
    'ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes for key :b',
    'unsupported datatype in ExpressionAttributeValues',
    'the SDK cannot send an AttributeValue with no member',
  ),
  u(
    'empty string set in ExpressionAttributeValues',
    { ExpressionAttributeValues: { ':b': { SS: [] } }, ConditionExpression: '', UpdateExpression: '' },
    'ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :b',
    'invalid values in ExpressionAttributeValues',
  ),
  u(
    'bad number in ExpressionAttributeValues',
    { ExpressionAttributeValues: { ':b': { N: 'b' } }, ConditionExpression: '', UpdateExpression: '' },
    'ExpressionAttributeValues contains invalid value: The parameter cannot be converted to a numeric value: b for key :b',
    'empty/invalid numbers in ExpressionAttributeValues',
  ),
  u('empty UpdateExpression', { ConditionExpression: '', UpdateExpression: '' }, 'Invalid UpdateExpression: The expression can not be empty;', 'empty UpdateExpression'),
  u('empty ConditionExpression', { ConditionExpression: '' }, 'Invalid ConditionExpression: The expression can not be empty;', 'empty ConditionExpression'),
  ...['whatever', 'set a', 'remove a = b', 'set a = b / c', 'set a[1] = 1', 'set a = b + c + d'].map((expr) =>
    u(`syntax error in '${expr}'`, { UpdateExpression: expr }, /^Invalid UpdateExpression: Syntax error; /, 'syntax errors in UpdateExpression'),
  ),
  u(
    'reserved word in UpdateExpression',
    { UpdateExpression: ' remove Absolute ', ExpressionAttributeValues: VALUES, ExpressionAttributeNames: NAMES },
    'Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: Absolute',
    'reserved keywords',
  ),
  u(
    'SET section twice',
    { UpdateExpression: 'set a = #c set c = :d', ExpressionAttributeValues: VALUES, ExpressionAttributeNames: NAMES },
    'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;',
    'multiple sections',
  ),
  u(
    'undefined attribute name',
    { UpdateExpression: 'SET #c = if_not_exists(:c)', ExpressionAttributeValues: VALUES, ExpressionAttributeNames: NAMES },
    /^Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #/,
    'undefined attribute names in UpdateExpression',
  ),
  u(
    'overlapping paths',
    { UpdateExpression: 'set a = b remove a, #c, #d', ExpressionAttributeNames: { '#c': 'c', '#d': '[3]' } },
    'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]',
    'overlapping paths in UpdateExpression',
  ),
  u(
    'conflicting paths',
    { UpdateExpression: 'remove a.#c set a[1] = #d', ExpressionAttributeNames: { '#b': 'b', '#c': 'c', '#d': '[3]' } },
    'Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, c], path two: [a, [1]]',
    'conflicting paths in UpdateExpression',
  ),
  u(
    'DELETE with a string operand',
    { UpdateExpression: 'delete a.b :a', ExpressionAttributeValues: { ':a': { S: 'a' }, ':b': { S: 'a' } } },
    'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: STRING',
    'incorrect types in UpdateExpression',
  ),
  u(
    'ADD with a list operand',
    { UpdateExpression: 'add a.b :a', ExpressionAttributeValues: { ':a': { L: [{ N: '1' }] }, ':b': { S: 'a' } } },
    'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: LIST',
    'incorrect types in UpdateExpression',
  ),
  u(
    'list_append of a string',
    { UpdateExpression: 'set a = list_append(:a, a)', ExpressionAttributeValues: { ':a': { S: 'a' } }, ExpressionAttributeNames: NAMES },
    'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S',
    'incorrect types to functions in UpdateExpression',
  ),
  u(
    'number plus string',
    { UpdateExpression: 'set a = a + :a', ExpressionAttributeValues: { ':a': { S: 'a' } }, ExpressionAttributeNames: NAMES },
    'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S',
    'incorrect types to functions in UpdateExpression',
  ),
  u(
    'if_not_exists with one operand',
    { UpdateExpression: 'set a = if_not_exists(c)', ExpressionAttributeValues: VALUES, ExpressionAttributeNames: NAMES },
    'Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1',
    'incorrect number of operands to functions in UpdateExpression',
  ),
  u(
    'if_not_exists of a value',
    { UpdateExpression: 'set a = if_not_exists(:a, c)', ExpressionAttributeValues: VALUES, ExpressionAttributeNames: NAMES },
    'Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists',
    'incorrect operand path type to functions in UpdateExpression',
  ),
  u(
    'unused ExpressionAttributeNames',
    {
      UpdateExpression: 'remove a set b = list_append(b, if_not_exists(a, :a))',
      ConditionExpression: 'a = :b',
      ExpressionAttributeValues: VALUES,
      ExpressionAttributeNames: NAMES,
    },
    /^Value provided in ExpressionAttributeNames unused in expressions: keys: \{(#a, #b|#b, #a)\}$/,
    'extra ExpressionAttributeNames',
  ),
];
