// Request checks that need no table: attribute values, expression/legacy parameter mixing and
// the legacy condition parameters. They run before the table is looked up, as in DynamoDB, so a
// bad value in a request for a missing table is a ValidationException, not ResourceNotFound.
// Messages as DynamoDB answers them (recorded in dynalite's validations/index.js and tests).

import { checkAttributeMap, compareKeyValues } from '../attributes.ts';
import type { LegacyCondition } from '../actions/legacy.ts';
import { validation } from '../errors.ts';
import type { AttributeValue } from '../types.ts';

const INVALID = 'One or more parameter values were invalid: ';

/** Validates every value of a map (item, key), canonicalising numbers in place. */
export function checkValues(map: Record<string, AttributeValue> | undefined, prefix = ''): void {
  if (!map) return;
  const msg = checkAttributeMap(map);
  if (msg) throw validation(prefix + msg);
}

/** ExclusiveStartKey values: DynamoDB prefixes some messages and not others. */
export function checkStartKeyValues(map: Record<string, AttributeValue> | undefined): void {
  if (!map) return;
  const msg = checkAttributeMap(map);
  if (!msg) return;
  const bare = /contains duplicates|number set|numeric value|significant digits|number with magnitude/.test(msg);
  throw validation(bare ? msg : `The provided starting key is invalid: ${msg}`);
}

/**
 * Expression vs legacy parameters: no mixing, and ExpressionAttributeNames/Values only with an
 * expression that can use them. `expressions` and `legacy` are listed in DynamoDB's order.
 */
export function checkExpressionParams(d: object, expressions: string[], legacy: string[]): void {
  const data = d as Record<string, unknown>;
  const exprs = expressions.filter((k) => data[k] !== undefined);
  if (exprs.length) {
    // KeyConditions without KeyConditionExpression may accompany other expressions.
    const olds = legacy.filter((k) => data[k] !== undefined && !(k === 'KeyConditions' && data.KeyConditionExpression === undefined));
    if (olds.length) {
      throw validation(
        `Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {${olds.join(', ')}} Expression parameters: {${exprs.join(', ')}}`,
      );
    }
  }
  if (data.ExpressionAttributeNames !== undefined && !exprs.length) {
    throw validation('ExpressionAttributeNames can only be specified when using expressions');
  }
  const valueUsers = expressions.filter((k) => k !== 'ProjectionExpression');
  if (valueUsers.length && data.ExpressionAttributeValues !== undefined && valueUsers.every((k) => data[k] === undefined)) {
    throw validation(
      `ExpressionAttributeValues can only be specified when using expressions: ${valueUsers.join(' and ')} ${valueUsers.length > 1 ? 'are' : 'is'} null`,
    );
  }
}

export function checkNoDuplicates(attrs: string[] | undefined): void {
  const dup = attrs?.find((a, i) => attrs.indexOf(a) !== i);
  if (dup !== undefined) throw validation(`${INVALID}Duplicate value in attribute name: ${dup}`);
}

/** Legacy `Expected` (PutItem/UpdateItem/DeleteItem). */
export function checkExpected(expected: Record<string, LegacyCondition> | undefined): void {
  for (const [attr, c] of Object.entries(expected ?? {})) {
    if (c.AttributeValueList !== undefined && c.Value !== undefined) {
      throw validation(`${INVALID}Value and AttributeValueList cannot be used together for Attribute: ${attr}`);
    }
    if (c.ComparisonOperator !== undefined) {
      if (c.Exists !== undefined) throw validation(`${INVALID}Exists and ComparisonOperator cannot be used together for Attribute: ${attr}`);
      const op = c.ComparisonOperator;
      if (op !== 'NULL' && op !== 'NOT_NULL' && c.AttributeValueList === undefined && c.Value === undefined) {
        throw validation(`${INVALID}Value or AttributeValueList must be used with ComparisonOperator: ${op} for Attribute: ${attr}`);
      }
      const args = c.AttributeValueList ?? (c.Value ? [c.Value] : []);
      checkArguments(op, args, `${INVALID}Invalid number of argument(s) for the ${op} ComparisonOperator`);
    } else if (c.AttributeValueList !== undefined) {
      throw validation(`${INVALID}AttributeValueList can only be used with a ComparisonOperator for Attribute: ${attr}`);
    } else {
      const exists = c.Exists ?? true;
      if (exists && c.Value === undefined) {
        throw validation(`${INVALID}Value must be provided when Exists is ${c.Exists ?? 'null'} for Attribute: ${attr}`);
      }
      if (!exists && c.Value !== undefined) throw validation(`${INVALID}Value cannot be used when Exists is false for Attribute: ${attr}`);
      if (c.Value) checkValues({ [attr]: c.Value });
    }
  }
}

const ARITY: Record<string, number | 'many'> = {
  NULL: 0, NOT_NULL: 0, EQ: 1, NE: 1, LE: 1, LT: 1, GE: 1, GT: 1, CONTAINS: 1, NOT_CONTAINS: 1, BEGINS_WITH: 1, IN: 'many', BETWEEN: 2,
};
const TYPES: Record<string, string[]> = {
  EQ: ['S', 'N', 'B', 'SS', 'NS', 'BS'],
  NE: ['S', 'N', 'B', 'SS', 'NS', 'BS'],
  LE: ['S', 'N', 'B'],
  LT: ['S', 'N', 'B'],
  GE: ['S', 'N', 'B'],
  GT: ['S', 'N', 'B'],
  CONTAINS: ['S', 'N', 'B'],
  NOT_CONTAINS: ['S', 'N', 'B'],
  BEGINS_WITH: ['S', 'B'],
  IN: ['S', 'N', 'B'],
  BETWEEN: ['S', 'N', 'B'],
};

function checkArguments(op: string, args: AttributeValue[], arityMessage: string): void {
  for (const a of args) checkValues({ a });
  const arity = ARITY[op];
  if (arity === 'many' ? !args.length : args.length !== arity) throw validation(arityMessage);
  const type = args[0] && Object.keys(args[0])[0];
  if (args.some((a) => Object.keys(a)[0] !== type)) {
    throw validation(`${INVALID}AttributeValues inside AttributeValueList must be of same type`);
  }
  for (const a of args) {
    const t = Object.keys(a)[0]!;
    if (!TYPES[op]!.includes(t)) throw validation(`${INVALID}ComparisonOperator ${op} is not valid for ${t} AttributeValue type`);
  }
  if (op === 'BETWEEN' && compareKeyValues(args[0]!, args[1]!) > 0) {
    throw validation('The BETWEEN condition was provided a range where the lower bound is greater than the upper bound');
  }
}

/** Legacy QueryFilter / ScanFilter. */
export function checkConditions(conds: Record<string, LegacyCondition> | undefined): void {
  for (const c of Object.values(conds ?? {})) {
    const op = c.ComparisonOperator!;
    checkArguments(op, c.AttributeValueList ?? [], `${INVALID}Invalid number of argument(s) for the ${op} ComparisonOperator`);
  }
}

/** Legacy KeyConditions of a Query: one or two conditions, each with the right arity. */
export function checkKeyConditions(conds: Record<string, LegacyCondition> | undefined): void {
  if (!conds) return;
  for (const c of Object.values(conds)) {
    checkArguments(c.ComparisonOperator!, c.AttributeValueList ?? [], 'The attempted filter operation is not supported for the provided filter argument count');
  }
  const n = Object.keys(conds).length;
  if (n !== 1 && n !== 2) throw validation('Conditions can be of length 1 or 2 only');
}

/** Legacy AttributeUpdates of UpdateItem. */
export function checkAttributeUpdates(updates: Record<string, { Action?: string; Value?: AttributeValue }> | undefined): void {
  for (const [attr, u] of Object.entries(updates ?? {})) {
    if (u.Value) checkValues({ [attr]: u.Value });
    const action = u.Action ?? 'PUT';
    if (!u.Value && action !== 'DELETE') throw validation(`${INVALID}Only DELETE action is allowed when no attribute value is specified`);
    const type = u.Value && Object.keys(u.Value)[0];
    if (type && action === 'DELETE' && !['SS', 'NS', 'BS'].includes(type)) {
      throw validation(`${INVALID}DELETE action with value is not supported for the type ${type}`);
    }
    if (type && action === 'ADD' && !['L', 'SS', 'NS', 'BS', 'N'].includes(type)) {
      throw validation(`${INVALID}ADD action is not supported for the type ${type}`);
    }
  }
}
