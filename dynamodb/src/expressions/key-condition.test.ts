import { describe, expect, it } from 'vitest';
import { DynamoError } from '../errors.ts';
import type { AttributeValue } from '../types.ts';
import { ExprContext, parseCondition, parseKeyCondition } from './index.ts';
import type { KeyCondition } from './index.ts';

const values: Record<string, AttributeValue> = {
  ':p': { S: 'p1' },
  ':a': { S: 'a' },
  ':z': { S: 'z' },
  ':n': { N: '1' },
};
const composite = { hash: 'pk', range: 'sk' };
const hashOnly = { hash: 'pk' };

function parse(expr: string, key: { hash: string; range?: string } = composite, names?: Record<string, string>): KeyCondition {
  return parseKeyCondition(expr, new ExprContext(names, values), key);
}

function failure(expr: string, key: { hash: string; range?: string } = composite): string {
  try {
    parse(expr, key);
  } catch (err) {
    expect(err).toBeInstanceOf(DynamoError);
    expect((err as DynamoError).type).toBe('ValidationException');
    return (err as Error).message;
  }
  throw new Error(`expected ${expr} to be rejected`);
}

describe('key conditions', () => {
  it.each<[string, KeyCondition['range']]>([
    ['pk = :p', undefined],
    ['pk = :p AND sk = :a', { op: '=', name: 'sk', values: [{ S: 'a' }] }],
    ['pk = :p AND sk < :a', { op: '<', name: 'sk', values: [{ S: 'a' }] }],
    ['pk = :p AND sk <= :a', { op: '<=', name: 'sk', values: [{ S: 'a' }] }],
    ['pk = :p AND sk > :a', { op: '>', name: 'sk', values: [{ S: 'a' }] }],
    ['pk = :p AND sk >= :a', { op: '>=', name: 'sk', values: [{ S: 'a' }] }],
    ['pk = :p AND :a <= sk', { op: '>=', name: 'sk', values: [{ S: 'a' }] }],
    ['pk = :p AND :a > sk', { op: '<', name: 'sk', values: [{ S: 'a' }] }],
    ['pk = :p AND sk BETWEEN :a AND :z', { op: 'BETWEEN', name: 'sk', values: [{ S: 'a' }, { S: 'z' }] }],
    ['pk = :p AND begins_with(sk, :a)', { op: 'begins_with', name: 'sk', values: [{ S: 'a' }] }],
    ['sk = :a AND pk = :p', { op: '=', name: 'sk', values: [{ S: 'a' }] }],
    [':p = pk', undefined],
    ['(pk = :p) AND (sk = :a)', { op: '=', name: 'sk', values: [{ S: 'a' }] }],
    ['(pk = :p AND (sk = :a))', { op: '=', name: 'sk', values: [{ S: 'a' }] }],
  ])('%s', (expr, range) => {
    const kc = parse(expr);
    expect(kc.hash).toEqual({ name: 'pk', value: { S: 'p1' } });
    expect(kc.range).toEqual(range);
  });

  it('resolves #names and works against a hash-only key', () => {
    const kc = parse('#k = :p', hashOnly, { '#k': 'pk' });
    expect(kc).toEqual({ hash: { name: 'pk', value: { S: 'p1' } } });
  });

  it.each([
    ['sk = :a', 'Query condition missed key schema element: pk'],
    ['attr1 = :a', 'Query condition missed key schema element: pk'],
    ['pk = :p AND attr1 = :a', 'Query condition missed key schema element: sk'],
    ['pk < :p', 'Query key condition not supported'],
    ['begins_with(pk, :p)', 'Query key condition not supported'],
    ['pk = :p OR sk = :a', 'Invalid operator used in KeyConditionExpression: OR'],
    ['NOT pk = :p', 'Invalid operator used in KeyConditionExpression: NOT'],
    ['pk IN (:p, :a)', 'Invalid operator used in KeyConditionExpression: IN'],
    ['pk <> :p', 'Invalid operator used in KeyConditionExpression: <>'],
    ['pk = :p AND attribute_exists(sk)', 'Invalid operator used in KeyConditionExpression: attribute_exists'],
    ['pk = :p AND contains(sk, :a)', 'Invalid operator used in KeyConditionExpression: contains'],
    ['pk = :p AND size(sk) = :n', 'KeyConditionExpressions cannot contain nested operations'],
    ['pk = :p AND sk.x = :a', 'KeyConditionExpressions cannot have conditions on nested attributes'],
    ['pk = :p AND pk = :a', 'KeyConditionExpressions must only contain one condition per key'],
    ['pk = sk', 'Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition'],
    [':p = :a', 'Invalid condition in KeyConditionExpression: No key attribute specified'],
    ['pk = :p AND :a BETWEEN sk AND :z', 'Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand'],
    ['pk = :p AND begins_with(:a, sk)', 'Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand'],
    ['pk = :p AND sk = :a AND x = :z', 'Conditions can be of length 1 or 2 only'],
    ['pk = :p AND begins_with(sk, :n)', 'Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N'],
    ['pk = :p AND sk =', 'Invalid KeyConditionExpression: Syntax error; token: "<EOF>", near: "="'],
    ['', 'Invalid KeyConditionExpression: The expression can not be empty;'],
    ['((pk = :p))', 'Invalid KeyConditionExpression: The expression has redundant parentheses;'],
  ])('%s → %s', (expr, message) => {
    expect(failure(expr)).toBe(message);
  });

  it('rejects a second condition on a hash-only key', () => {
    expect(failure('pk = :p AND sk = :a', hashOnly)).toBe('Query key condition not supported');
  });

  it('parseCondition checks syntax and placeholders of a key condition without the key schema', () => {
    const check = (expr: string) => () => parseCondition(expr, new ExprContext(undefined, values), 'KeyConditionExpression');
    // Query runs this before it knows the table: a missing key element is judged later.
    expect(check('attr1 = :p')).not.toThrow();
    expect(check('pk = :p AND sk =')).toThrow('Invalid KeyConditionExpression: Syntax error; token: "<EOF>", near: "="');
    expect(check('pk = :missing')).toThrow(
      'Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :missing',
    );
  });
});
