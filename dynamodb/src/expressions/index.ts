// Public interface of the expression languages (see README.md in this folder).
// Every parse function throws a DynamoError (ValidationException) with DynamoDB's message.

import type { KeyNames } from '../types.ts';
import type { ExprContext } from './context.ts';
import type { Condition, ConditionKind } from './condition-parser.ts';
import { parseConditionExpression } from './condition-parser.ts';
import type { KeyCondition } from './key-condition.ts';
import { parseKeyConditionExpression } from './key-condition.ts';
import type { Projection } from './projection.ts';
import { parseProjectionExpression } from './projection.ts';
import type { Update } from './update-parser.ts';
import { parseUpdateExpression } from './update-parser.ts';

export { ExprContext } from './context.ts';
export { evaluateCondition } from './condition-eval.ts';
export { compareValues, valuesEqual } from './compare.ts';
export { applyUpdate } from './update-apply.ts';
export { updatedPaths } from './update-parser.ts';
export { project } from './projection.ts';
export { isReserved } from './reserved.ts';
export type { Condition, ConditionKind } from './condition-parser.ts';
export type { KeyCondition, KeyOperator } from './key-condition.ts';
export type { Projection } from './projection.ts';
export type { Update, UpdateAction } from './update-parser.ts';
export type { ApplyOptions } from './update-apply.ts';

/**
 * ConditionExpression (PutItem/UpdateItem/DeleteItem/transactions), FilterExpression (Query/Scan),
 * or a Query's KeyConditionExpression checked for syntax and placeholders only, before the table
 * is looked up (`parseKeyCondition` narrows it to the key schema afterwards).
 */
export function parseCondition(expr: string, ctx: ExprContext, kind: ConditionKind = 'ConditionExpression'): Condition {
  return parseConditionExpression(expr, ctx, kind);
}

/** KeyConditionExpression of a Query, narrowed to the key schema of the table or index queried. */
export function parseKeyCondition(expr: string, ctx: ExprContext, key: KeyNames): KeyCondition {
  return parseKeyConditionExpression(expr, ctx, key);
}

export function parseUpdate(expr: string, ctx: ExprContext): Update {
  return parseUpdateExpression(expr, ctx);
}

export function parseProjection(expr: string, ctx: ExprContext): Projection {
  return parseProjectionExpression(expr, ctx);
}
