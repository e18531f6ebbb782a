import { describe, expect, it } from 'vitest';
import { DynamoError } from '../errors.ts';
import type { AttributeValue, Item } from '../types.ts';
import { applyUpdate, ExprContext, parseUpdate, updatedPaths } from './index.ts';

const values: Record<string, AttributeValue> = {
  ':one': { N: '1' },
  ':half': { N: '0.5' },
  ':s': { S: 'x' },
  ':l': { L: [{ S: 'z' }] },
  ':ss': { SS: ['b', 'c'] },
  ':ns': { NS: ['2', '3'] },
  ':bool': { BOOL: true },
  ':m': { M: { k: { S: 'v' } } },
  ':big': { N: '99999999999999999999999999999999999999' },
};

const base: Item = {
  pk: { S: 'k' },
  n: { N: '5' },
  s: { S: 'str' },
  l: { L: [{ S: 'a' }, { S: 'b' }, { S: 'c' }, { S: 'd' }] },
  tags: { SS: ['a', 'b'] },
  nums: { NS: ['1', '2'] },
  m: { M: { a: { N: '1' }, inside: { M: {} } } },
};

function run(expr: string, item: Item = base, names?: Record<string, string>): Item {
  const ctx = new ExprContext(names, values);
  return applyUpdate(parseUpdate(expr, ctx), item);
}

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

describe('applying updates', () => {
  it.each<[string, Record<string, AttributeValue | undefined>]>([
    ['SET x = :s', { x: { S: 'x' } }],
    ['SET n = n + :one', { n: { N: '6' } }],
    ['SET n = n - :half', { n: { N: '4.5' } }],
    ['SET n = :one - n', { n: { N: '-4' } }],
    ['SET c = if_not_exists(c, :one) + :one', { c: { N: '2' } }],
    ['SET n = if_not_exists(n, :one)', { n: { N: '5' } }],
    ['SET l = list_append(l, :l)', { l: { L: [{ S: 'a' }, { S: 'b' }, { S: 'c' }, { S: 'd' }, { S: 'z' }] } }],
    ['SET l = list_append(:l, l)', { l: { L: [{ S: 'z' }, { S: 'a' }, { S: 'b' }, { S: 'c' }, { S: 'd' }] } }],
    ['SET l[1] = :s', { l: { L: [{ S: 'a' }, { S: 'x' }, { S: 'c' }, { S: 'd' }] } }],
    ['SET l[10] = :s', { l: { L: [{ S: 'a' }, { S: 'b' }, { S: 'c' }, { S: 'd' }, { S: 'x' }] } }],
    ['SET m.b = :s', { m: { M: { a: { N: '1' }, inside: { M: {} }, b: { S: 'x' } } } }],
    ['SET m.inside.deep = :one', { m: { M: { a: { N: '1' }, inside: { M: { deep: { N: '1' } } } } } }],
    ['SET a = (n + :one)', { a: { N: '6' } }],
    ['REMOVE s', { s: undefined }],
    ['REMOVE absent', {}],
    ['REMOVE l[1], l[3]', { l: { L: [{ S: 'a' }, { S: 'c' }] } }],
    ['REMOVE l[3], l[1]', { l: { L: [{ S: 'a' }, { S: 'c' }] } }],
    ['REMOVE l[9]', {}],
    ['REMOVE m.a', { m: { M: { inside: { M: {} } } } }],
    ['ADD n :one', { n: { N: '6' } }],
    ['ADD fresh :one', { fresh: { N: '1' } }],
    ['ADD tags :ss', { tags: { SS: ['a', 'b', 'c'] } }],
    ['ADD nums :ns', { nums: { NS: ['1', '2', '3'] } }],
    ['ADD fresh :ss', { fresh: { SS: ['b', 'c'] } }],
    ['DELETE tags :ss', { tags: { SS: ['a'] } }],
    ['DELETE nums :ns', { nums: { NS: ['1'] } }],
    ['DELETE absent :ss', {}],
    ['SET x = :s REMOVE s ADD n :one DELETE tags :ss', { x: { S: 'x' }, s: undefined, n: { N: '6' }, tags: { SS: ['a'] } }],
  ])('%s', (expr, changes) => {
    const want: Item = structuredClone(base);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) delete want[k];
      else want[k] = v;
    }
    expect(run(expr)).toEqual(want);
  });

  it('nests functions and arithmetic in SET values', () => {
    const ctx = new ExprContext(undefined, { ':empty': { L: [] }, ':l': { L: [{ S: 'z' }] }, ':zero': { N: '0' }, ':one': { N: '1' } });
    const u = parseUpdate('SET fresh = list_append(if_not_exists(fresh, :empty), :l), c = if_not_exists(c, :zero) + :one', ctx);
    expect(applyUpdate(u, {})).toEqual({ fresh: { L: [{ S: 'z' }] }, c: { N: '1' } });
    expect(applyUpdate(u, { fresh: { L: [{ S: 'a' }] }, c: { N: '41' } })).toEqual({ fresh: { L: [{ S: 'a' }, { S: 'z' }] }, c: { N: '42' } });
  });

  it('appends each SET past the end of a list in order', () => {
    expect(run('SET l[10] = :s, l[11] = :one', { l: { L: [] } })).toEqual({ l: { L: [{ S: 'x' }, { N: '1' }] } });
  });

  it('appends several list elements in element-number order', () => {
    const ctx = new ExprContext(undefined, { ':a1': { S: 'a1' }, ':a2': { S: 'a2' }, ':a3': { S: 'a3' }, ':a4': { S: 'a4' } });
    const u = parseUpdate('SET l[84] = :a1, l[37] = :a2, l[17] = :a3, l[50] = :a4', ctx);
    const out = applyUpdate(u, { l: { L: [{ S: 'one' }] } });
    expect(out.l).toEqual({ L: [{ S: 'one' }, { S: 'a3' }, { S: 'a2' }, { S: 'a4' }, { S: 'a1' }] });
  });

  it.each(['REMOVE l[1] SET l[3] = :one', 'SET l[3] = :one REMOVE l[1]'])('%s uses the original positions', (expr) => {
    const list = (ns: string[]) => ({ L: ns.map((n) => ({ N: n })) });
    expect(run(expr, { l: list(['2', '3', '4', '5', '6', '7']) })).toEqual({ l: list(['2', '4', '1', '6', '7']) });
  });

  it('ignores REMOVE when the update creates the item', () => {
    const u = parseUpdate('REMOVE x.y, z[0] SET a = :s', new ExprContext(undefined, values));
    expect(applyUpdate(u, { pk: { S: 'k' } }, { itemExists: false })).toEqual({ pk: { S: 'k' }, a: { S: 'x' } });
    expect(failure(() => applyUpdate(u, { pk: { S: 'k' } }))).toBe('The document path provided in the update expression is invalid for update');
  });

  it('evaluates every SET operand against the item before the update', () => {
    const out = run('SET a = n, n = :one, b = n', { n: { N: '5' } });
    expect(out).toEqual({ a: { N: '5' }, n: { N: '1' }, b: { N: '5' } });
  });

  it('removes a set attribute when DELETE empties it', () => {
    expect(run('DELETE tags :ss', { tags: { SS: ['b', 'c'] } })).toEqual({});
  });

  it('does not modify its input', () => {
    const before = structuredClone(base);
    run('SET l[0] = :s, m.a = :s ADD tags :ss REMOVE n');
    expect(base).toEqual(before);
  });

  it('adds numbers exactly at 38 digits', () => {
    const out = run('SET n = n + :one', { n: { N: '9999999999999999999999999999999999999' } });
    expect(out.n).toEqual({ N: '10000000000000000000000000000000000000' });
  });

  it('rejects a sum needing more than 38 significant digits', () => {
    expect(failure(() => run('SET n = n + :big', { n: { N: '0.1' } }))).toBe('Attempting to store more than 38 significant digits in a Number');
  });

  it.each([
    ['SET s = s + :one', 'An operand in the update expression has an incorrect data type'],
    ['SET l = list_append(s, :l)', 'An operand in the update expression has an incorrect data type'],
    ['ADD s :one', 'An operand in the update expression has an incorrect data type'],
    ['ADD n :ss', 'An operand in the update expression has an incorrect data type'],
    ['ADD tags :ns', 'An operand in the update expression has an incorrect data type'],
    ['DELETE nums :ss', 'An operand in the update expression has an incorrect data type'],
    ['SET x = absent', 'The provided expression refers to an attribute that does not exist in the item'],
    ['SET absent.x = :s', 'The document path provided in the update expression is invalid for update'],
    ['SET s.x = :s', 'The document path provided in the update expression is invalid for update'],
    ['SET m[0] = :s', 'The document path provided in the update expression is invalid for update'],
    ['REMOVE absent.x', 'The document path provided in the update expression is invalid for update'],
    ['ADD absent.x :one', 'The document path provided in the update expression is invalid for update'],
  ])('%s fails at apply time', (expr, message) => {
    expect(failure(() => run(expr))).toBe(message);
  });

  it('lists the top-level attributes it touches', () => {
    const u = parseUpdate('SET a.b = :s, c[1] = :s REMOVE d ADD a2 :one', new ExprContext(undefined, values));
    expect(updatedPaths(u)).toEqual(['a', 'c', 'd', 'a2']);
  });
});

describe('update parse errors', () => {
  function parseError(expr: string, names?: Record<string, string>): string {
    return failure(() => parseUpdate(expr, new ExprContext(names, values)));
  }

  it.each([
    ['', 'The expression can not be empty;'],
    ['INVALID SYNTAX HERE', 'Syntax error; token: "INVALID", near: "INVALID SYNTAX"'],
    ['ADD hits : incr', 'Syntax error; token: ":", near: "hits : incr"'],
    ['SET', 'Syntax error; token: "<EOF>", near: "SET"'],
    ['SET a = :one +', 'Syntax error; token: "<EOF>", near: "+"'],
    ['ADD a', 'Syntax error; token: "<EOF>", near: "a"'],
    ['SET = :one', 'Syntax error; token: "=", near: "SET = :one"'],
    ['SET a :one', 'Syntax error; token: ":one", near: "a :one"'],
    ['SET a = :one, #, b = :one', 'Syntax error; token: "#", near: ", #,"'],
    ['REMOVE a b', 'Syntax error; token: "b", near: "a b"'],
    ['ADD a b', 'Syntax error; token: "b", near: "a b"'],
    ['SET _123 = :one', 'Syntax error; token: "_", near: "SET _123"'],
    ['SET c = if_not_exists(c, :one + :half)', 'Syntax error; token: "+", near: ":one + :half"'],
    ['SET a = list_append(list_append(:l, :l), :l)', 'The function is not allowed to be used this way in an expression; function: list_append'],
    ['SET a = size(b)', 'The function is not allowed to be used this way in an expression; function: size'],
    ['SET a = LIST_APPEND(:l, :l)', 'Invalid function name; function: LIST_APPEND'],
    ['SET a[:one] = :s', 'Syntax error; token: ":one", near: "[:one]"'],
    ['SET a = :one REMOVE b SET c = :one', 'The "SET" section can only be used once in an update expression;'],
    ['SET a = :one, a = :s', 'Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]'],
    ['SET a.b = :one REMOVE a', 'Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]'],
    ['SET a[1] = :one REMOVE a.b', 'Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [1]], path two: [a, b]'],
    ['SET #x = :one', 'An expression attribute name used in the document path is not defined; attribute name: #x'],
    ['SET a = :x', 'An expression attribute value used in expression is not defined; attribute value: :x'],
    ['SET status = :one', 'Attribute name is a reserved keyword; reserved keyword: status'],
    ['SET a = foo(b)', 'Invalid function name; function: foo'],
    ['SET a = if_not_exists(b)', 'Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1'],
    ['SET a = if_not_exists(:one, b)', 'Operator or function requires a document path; operator or function: if_not_exists'],
    ['SET a = list_append(:s, b)', 'Incorrect operand type for operator or function; operator or function: list_append, operand type: S'],
    ['SET a = b + :s', 'Incorrect operand type for operator or function; operator or function: +, operand type: S'],
    ['SET a = :bool - b', 'Incorrect operand type for operator or function; operator or function: -, operand type: BOOL'],
    ['ADD a :s', 'Incorrect operand type for operator or function; operator: ADD, operand type: STRING'],
    ['ADD a :l', 'Incorrect operand type for operator or function; operator: ADD, operand type: LIST'],
    ['DELETE a :one', 'Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER'],
    ['DELETE a :m', 'Incorrect operand type for operator or function; operator: DELETE, operand type: MAP'],
  ])('%s', (expr, message) => {
    expect(parseError(expr)).toBe(`Invalid UpdateExpression: ${message}`);
  });

  it('reports problems in DynamoDB order: reserved word, function, section, placeholders, paths, operands', () => {
    expect(parseError('SET a = :s, a = :s ADD b :s SET status = foo(:s)')).toBe(
      'Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status',
    );
    expect(parseError('SET a = :s, a = :s ADD b :s SET c = foo(:s)')).toBe('Invalid UpdateExpression: Invalid function name; function: foo');
    expect(parseError('SET a = :s, a = :s ADD b :s SET c = :x')).toBe(
      'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;',
    );
    expect(parseError('SET a = :x, a = :s ADD b :s')).toBe(
      'Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :x',
    );
    expect(parseError('SET a = :s, a = :s ADD b :s')).toBe(
      'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]',
    );
  });

  it('accepts keywords in any case and #names for reserved words', () => {
    const ctx = new ExprContext({ '#s': 'status' }, values);
    const u = parseUpdate('set #s = :s remove a add b :one delete c :ss', ctx);
    expect(u.actions.map((a) => a.action)).toEqual(['SET', 'REMOVE', 'ADD', 'DELETE']);
    expect(u.actions[0]!.path.elements).toEqual(['status']);
  });
});
