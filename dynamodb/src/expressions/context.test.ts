import { describe, expect, it } from 'vitest';
import { DynamoError } from '../errors.ts';
import { compareValues, ExprContext, isReserved, parseCondition, parseProjection, parseUpdate, valuesEqual } from './index.ts';
import { tokenize } from './tokenizer.ts';

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DynamoError);
    expect((err as DynamoError).type).toBe('ValidationException');
    return (err as Error).message;
  }
  throw new Error('expected a ValidationException');
}

describe('ExprContext', () => {
  it.each([
    [{ x: 'a' }, undefined, 'ExpressionAttributeNames contains invalid key: Syntax error; key: "x"'],
    [{ '#a-b': 'a' }, undefined, 'ExpressionAttributeNames contains invalid key: Syntax error; key: "#a-b"'],
    [{}, undefined, 'ExpressionAttributeNames must not be empty'],
    [undefined, { x: { S: 'a' } }, 'ExpressionAttributeValues contains invalid key: Syntax error; key: "x"'],
    [undefined, {}, 'ExpressionAttributeValues must not be empty'],
  ])('rejects names %j values %j', (names, values, message) => {
    expect(failure(() => new ExprContext(names, values))).toBe(message);
  });

  it('tracks use across all expressions of a request', () => {
    const ctx = new ExprContext({ '#a': 'a', '#b': 'b', '#c': 'c' }, { ':x': { S: 'x' }, ':y': { S: 'y' } });
    parseCondition('#a = :x', ctx);
    expect(failure(() => ctx.assertAllUsed())).toBe('Value provided in ExpressionAttributeNames unused in expressions: keys: {#b, #c}');
    parseProjection('#b, #c', ctx);
    expect(failure(() => ctx.assertAllUsed())).toBe('Value provided in ExpressionAttributeValues unused in expressions: keys: {:y}');
    parseUpdate('SET z = :y', ctx);
    expect(() => ctx.assertAllUsed()).not.toThrow();
  });
});

describe('tokenizer', () => {
  it('splits operators, placeholders, paths and unknown characters', () => {
    const kinds = tokenize('#a.b[12] <>:v,(size) >= x-1 ! #').map((t) => `${t.kind}:${t.text}`);
    expect(kinds).toEqual([
      'attrName:#a', 'punct:.', 'name:b', 'punct:[', 'number:12', 'punct:]', 'op:<>', 'attrValue::v', 'punct:,',
      'punct:(', 'name:size', 'punct:)', 'op:>=', 'name:x', 'op:-', 'number:1', 'unknown:!', 'unknown:#',
    ]);
  });
});

describe('expression size', () => {
  it('accepts 4096 bytes and refuses more', () => {
    const ctx = new ExprContext();
    const name = (n: number) => `a${'b'.repeat(n - 1)}`;
    expect(() => parseProjection(name(4096), ctx)).not.toThrow();
    expect(failure(() => parseProjection(name(4097), ctx))).toBe(
      'Invalid ProjectionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097',
    );
  });
});

describe('reserved words', () => {
  it.each([['status', true], ['STATUS', true], ['Name', true], ['flattern', true], ['pk', false], ['myAttr', false]])('%s → %s', (w, want) => {
    expect(isReserved(w)).toBe(want);
  });
});

describe('compareValues', () => {
  it.each([
    [{ N: '10' }, { N: '9' }, 1],
    [{ N: '-10' }, { N: '-9' }, -1],
    [{ N: '1.50' }, { N: '1.5' }, 0],
    [{ N: '1E+2' }, { N: '100' }, 0],
    [{ N: '99999999999999999999999999999999999999' }, { N: '99999999999999999999999999999999999998' }, 1],
    [{ S: 'a' }, { S: 'b' }, -1],
    [{ S: 'B' }, { S: 'a' }, -1],
    [{ B: 'AQ==' }, { B: 'Ag==' }, -1],
    [{ S: '1' }, { N: '1' }, undefined],
    [{ BOOL: true }, { BOOL: true }, 0],
    [{ BOOL: true }, { BOOL: false }, undefined],
  ])('%j vs %j', (a, b, want) => {
    const got = compareValues(a, b);
    expect(got === undefined ? undefined : Math.sign(got)).toBe(want);
  });

  it('compares sets and maps structurally', () => {
    expect(valuesEqual({ NS: ['1', '2.0'] }, { NS: ['2', '1'] })).toBe(true);
    expect(valuesEqual({ M: { a: { L: [{ N: '1' }] } } }, { M: { a: { L: [{ N: '1.0' }] } } })).toBe(true);
    expect(valuesEqual({ L: [{ N: '1' }, { N: '2' }] }, { L: [{ N: '2' }, { N: '1' }] })).toBe(false);
  });
});
