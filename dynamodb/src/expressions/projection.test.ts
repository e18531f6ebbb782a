import { describe, expect, it } from 'vitest';
import { DynamoError } from '../errors.ts';
import type { Item } from '../types.ts';
import { ExprContext, parseProjection, project } from './index.ts';

const item: Item = {
  pk: { S: 'k' },
  a: { M: { b: { S: 'x' }, c: { N: '1' }, d: { L: [{ S: 'l0' }, { S: 'l1' }] } } },
  l: { L: [{ S: '0' }, { M: { x: { S: 'mx' }, y: { S: 'my' } } }, { S: '2' }, { S: '3' }] },
  status: { S: 'on' },
};

function run(expr: string, names?: Record<string, string>): Item {
  return project(parseProjection(expr, new ExprContext(names)), item);
}

function failure(expr: string, names?: Record<string, string>): string {
  try {
    parseProjection(expr, new ExprContext(names));
  } catch (err) {
    expect(err).toBeInstanceOf(DynamoError);
    return (err as Error).message;
  }
  throw new Error(`expected ${expr} to be rejected`);
}

describe('projection', () => {
  it.each<[string, Item]>([
    ['pk', { pk: { S: 'k' } }],
    ['pk, absent', { pk: { S: 'k' } }],
    ['a.b', { a: { M: { b: { S: 'x' } } } }],
    ['a.b, a.c', { a: { M: { b: { S: 'x' }, c: { N: '1' } } } }],
    ['a.d[1]', { a: { M: { d: { L: [{ S: 'l1' }] } } } }],
    ['l[3], l[0]', { l: { L: [{ S: '0' }, { S: '3' }] } }],
    ['l[1].y', { l: { L: [{ M: { y: { S: 'my' } } }] } }],
    ['l[9]', {}],
    ['a.zz', {}],
    ['pk.x', {}],
  ])('%s', (expr, want) => {
    expect(run(expr)).toEqual(want);
  });

  it('resolves #names (the way to project reserved words)', () => {
    expect(run('#s, #a.#b', { '#s': 'status', '#a': 'a', '#b': 'b' })).toEqual({ status: { S: 'on' }, a: { M: { b: { S: 'x' } } } });
  });

  it('returns copies, not the stored values', () => {
    const out = run('a');
    (out.a as { M: Item }).M.b = { S: 'changed' };
    expect((item.a as { M: Item }).M.b).toEqual({ S: 'x' });
  });

  it.each([
    ['', 'The expression can not be empty;'],
    ['a b', 'Syntax error; token: "b", near: "a b"'],
    ['a,', 'Syntax error; token: "<EOF>", near: ","'],
    ['!!!', 'Syntax error; token: "!", near: "!!"'],
    ['a.', 'Syntax error; token: "<EOF>", near: "."'],
    ['a[', 'Syntax error; token: "<EOF>", near: "["'],
    ['a[-1]', 'Syntax error; token: "-", near: "[-1"'],
    ['status', 'Attribute name is a reserved keyword; reserved keyword: status'],
    ['#nope', 'An expression attribute name used in the document path is not defined; attribute name: #nope'],
    ['a, a', 'Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]'],
    ['a.b, a', 'Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]'],
    ['a[0], a.b', 'Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [0]], path two: [a, b]'],
  ])('rejects %j', (expr, message) => {
    expect(failure(expr)).toBe(`Invalid ProjectionExpression: ${message}`);
  });
});
