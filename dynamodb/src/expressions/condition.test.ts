import { describe, expect, it } from 'vitest';
import { DynamoError } from '../errors.ts';
import type { AttributeValue, Item } from '../types.ts';
import { evaluateCondition, ExprContext, parseCondition } from './index.ts';

const values: Record<string, AttributeValue> = {
  ':s': { S: 'apple' },
  ':s2': { S: 'banana' },
  ':pre': { S: 'app' },
  ':n': { N: '10' },
  ':n2': { N: '20' },
  ':big': { N: '12345678901234567890123456789012345678' },
  ':big2': { N: '12345678901234567890123456789012345679' },
  ':b': { B: Buffer.from([1, 2]).toString('base64') },
  ':bpre': { B: Buffer.from([1]).toString('base64') },
  ':t': { S: 'SS' },
  ':bool': { BOOL: true },
  ':ss': { SS: ['b', 'a'] },
  ':l': { L: [{ S: 'x' }] },
  ':zero': { N: '0' },
  ':three': { N: '3' },
};

const item: Item = {
  pk: { S: 'k' },
  str: { S: 'apple' },
  num: { N: '10' },
  deci: { N: '10.000' },
  big: { N: '12345678901234567890123456789012345678' },
  bin: { B: Buffer.from([1, 2]).toString('base64') },
  flag: { BOOL: true },
  nul: { NULL: true },
  tags: { SS: ['a', 'b'] },
  nums: { NS: ['1', '2.50'] },
  lst: { L: [{ S: 'x' }, { N: '2' }, { M: { deep: { S: 'y' } } }] },
  mp: { M: { inside: { S: 'v' }, 'with-dash': { N: '1' } } },
  uni: { S: 'é' },
};

function ev(expr: string, names?: Record<string, string>, target: Item | undefined = item): boolean {
  const ctx = new ExprContext(names, values);
  return evaluateCondition(parseCondition(expr, ctx), target);
}

function parseError(expr: string, opts: { names?: Record<string, string>; values?: Record<string, AttributeValue>; kind?: 'ConditionExpression' | 'FilterExpression' } = {}): string {
  try {
    parseCondition(expr, new ExprContext(opts.names, opts.values ?? values), opts.kind);
  } catch (err) {
    expect(err).toBeInstanceOf(DynamoError);
    expect((err as DynamoError).type).toBe('ValidationException');
    return (err as Error).message;
  }
  throw new Error(`expected ${expr} to be rejected`);
}

describe('condition evaluation', () => {
  it.each([
    ['str = :s', true],
    ['str = :s2', false],
    ['str <> :s2', true],
    ['absent <> :s', true],
    ['absent = :s', false],
    ['num = :n', true],
    ['deci = :n', true],
    ['num < :n2', true],
    ['num <= :n', true],
    ['num > :n', false],
    ['num >= :n', true],
    ['big < :big2', true],
    ['big = :big', true],
    ['str < :s2', true],
    ['str > :s2', false],
    ['str < :n', false],
    ['str > :n', false],
    ['bin = :b', true],
    ['bin > :bpre', true],
    ['flag = :bool', true],
    ['flag < nul', false],
    ['lst < :n', false],
    ['tags = :ss', true],
    ['num BETWEEN :n AND :n2', true],
    ['num BETWEEN :zero AND :three', false],
    ['str BETWEEN :pre AND :s2', true],
    ['num IN (:zero, :n)', true],
    ['num IN (:zero, :three)', false],
    ['absent IN (:zero)', false],
    ['attribute_exists(str)', true],
    ['attribute_exists(absent)', false],
    ['attribute_not_exists(absent)', true],
    ['attribute_exists(mp.inside)', true],
    ['attribute_exists(mp.nope)', false],
    ['attribute_exists(lst[2].deep)', true],
    ['attribute_exists(lst[5])', false],
    ['attribute_exists(str.x)', false],
    ['attribute_type(tags, :t)', true],
    ['attribute_type(str, :t)', false],
    ['begins_with(str, :pre)', true],
    ['begins_with(bin, :bpre)', true],
    ['begins_with(num, :pre)', false],
    ['contains(str, :pre)', true],
    ['contains(tags, :pre)', false],
    ['contains(lst, :l)', false],
    ['size(str) = :n', false],
    ['size(tags) < :three', true],
    ['size(lst) = :three', true],
    ['size(absent) = :zero', false],
    ['size(num) = :zero', false],
    ['NOT str = :s', false],
    ['NOT NOT str = :s', true],
    ['str = :s2 OR num = :n', true],
    ['str = :s2 OR num = :n AND flag = :bool', true],
    ['(str = :s2 OR num = :n) AND flag <> :bool', false],
    ['str = :s2 OR num = :n2 AND attribute_exists(str)', false],
    ['NOT str = :s2 AND num = :n', true],
    ['str = :s AND (num = :zero OR (flag = :bool))', true],
  ])('%s → %s', (expr, want) => {
    expect(ev(expr)).toBe(want);
  });

  it('compares strings by UTF-8 bytes, not UTF-16 code units', () => {
    const ctx = new ExprContext(undefined, { ':v': { S: '\u{1F600}' } });
    // U+FF5E sorts below U+1F600 in UTF-8 but above its surrogate pair in UTF-16.
    expect(evaluateCondition(parseCondition('s < :v', ctx), { s: { S: '\uFF5E' } })).toBe(true);
  });

  it('counts size() of a string in UTF-8 bytes and of a mp in entries', () => {
    const ctx = new ExprContext(undefined, { ':two': { N: '2' } });
    expect(evaluateCondition(parseCondition('size(u) = :two', ctx), { u: { S: 'é' } })).toBe(true);
    const ctx2 = new ExprContext(undefined, { ':two': { N: '2' } });
    expect(evaluateCondition(parseCondition('size(mp) = :two', ctx2), item)).toBe(true);
  });

  it('resolves #placeholders in nested paths', () => {
    expect(ev('#m.#d = :n', { '#m': 'mp', '#d': 'with-dash' })).toBe(false);
    const ctx = new ExprContext({ '#m': 'mp', '#d': 'with-dash' }, { ':one': { N: '1' } });
    expect(evaluateCondition(parseCondition('#m.#d = :one', ctx), item)).toBe(true);
  });

  it('treats a absent item like an item without attributes', () => {
    const ctx = new ExprContext(undefined, values);
    expect(evaluateCondition(parseCondition('attribute_not_exists(pk)', ctx), undefined)).toBe(true);
    const ctx2 = new ExprContext(undefined, { ':s': { S: 'x' } });
    expect(evaluateCondition(parseCondition('pk = :s', ctx2), undefined)).toBe(false);
  });

  it('contains finds numbers in number sets numerically and elements of lists', () => {
    const ctx = new ExprContext(undefined, { ':n': { N: '2.5' }, ':x': { S: 'x' } });
    const cond = parseCondition('contains(nums, :n) AND contains(lst, :x)', ctx);
    expect(evaluateCondition(cond, item)).toBe(true);
  });

  it('is case-insensitive for keywords', () => {
    expect(ev('str = :s and not num between :zero and :three or num in (:n)')).toBe(true);
  });
});

describe('condition syntax errors', () => {
  it.each([
    ['a = ', 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "="'],
    ['a = :v AND', 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "AND"'],
    ['a == :s', 'Invalid ConditionExpression: Syntax error; token: "=", near: "== :s"'],
    ['a = :s b', 'Invalid ConditionExpression: Syntax error; token: "b", near: ":s b"'],
    ['a ! :s', 'Invalid ConditionExpression: Syntax error; token: "!", near: "a ! :s"'],
    ['a = # OR b', 'Invalid ConditionExpression: Syntax error; token: "#", near: "= # OR"'],
    ['(a = :s', 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: ":s"'],
    ['a BETWEEN :s', 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: ":s"'],
    ['a IN :s', 'Invalid ConditionExpression: Syntax error; token: ":s", near: "IN :s"'],
    ['a', 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "a"'],
    ['a[x] = :s', 'Invalid ConditionExpression: Syntax error; token: "x", near: "[x]"'],
    ['AND = :s', 'Invalid ConditionExpression: Syntax error; token: "AND", near: "AND ="'],
  ])('%s', (expr, message) => {
    expect(parseError(expr)).toBe(message);
  });

  it('uses the expression kind in the prefix', () => {
    expect(parseError('a =', { kind: 'FilterExpression' })).toBe('Invalid FilterExpression: Syntax error; token: "<EOF>", near: "="');
  });

  it.each(['', '   '])('rejects the empty expression %j', (expr) => {
    expect(parseError(expr)).toBe('Invalid ConditionExpression: The expression can not be empty;');
  });
});

describe('condition semantic errors', () => {
  it.each([
    ['status = :s', 'Attribute name is a reserved keyword; reserved keyword: status'],
    ['a.Size = :s', 'Attribute name is a reserved keyword; reserved keyword: Size'],
    ['#x = :s', 'An expression attribute name used in the document path is not defined; attribute name: #x'],
    ['a = :nope', 'An expression attribute value used in expression is not defined; attribute value: :nope'],
    ['foo(a)', 'Invalid function name; function: foo'],
    ['Begins_with(a, :s)', 'Invalid function name; function: Begins_with'],
    ['size(a)', 'The function is not allowed to be used this way in an expression; function: size'],
    ['attribute_exists(a) = :s', 'The function is not allowed to be used this way in an expression; function: attribute_exists'],
    ['begins_with(attribute_exists(a), :s)', 'The function is not allowed to be used this way in an expression; function: attribute_exists'],
    ['((a = :s))', 'The expression has redundant parentheses;'],
    ['((a = :s)) AND b = :s', 'The expression has redundant parentheses;'],
    ['begins_with(a)', 'Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1'],
    ['attribute_exists(a, b)', 'Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2'],
    ['a = a', 'The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]'],
    ['contains(a.b[1], a.b[1])', 'The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [a, b, [1]]'],
    ['attribute_exists(:s)', 'Operator or function requires a document path; operator or function: attribute_exists'],
    ['begins_with(a, :n)', 'Incorrect operand type for operator or function; operator or function: begins_with, operand type: N'],
    ['attribute_type(a, :n)', 'Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N'],
    ['attribute_type(a, b)', 'Incorrect operand type for operator or function; operator or function: attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}'],
    ['attribute_type(a, :s)', 'Invalid attribute type name found; type: apple, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}'],
    ['size(:n) = :n', 'Incorrect operand type for operator or function; operator or function: size, operand type: N'],
    ['a BETWEEN :s AND :n', 'The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {S:apple}, upper bound operand: AttributeValue: {N:10}'],
    ['a < :l', 'Incorrect operand type for operator or function; operator or function: <, operand type: L'],
    [':ss >= a', 'Incorrect operand type for operator or function; operator or function: >=, operand type: SS'],
    ['a BETWEEN :bool AND :bool', 'Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: BOOL'],
    ['if_not_exists(a, a) = :s', 'The function is not allowed to be used this way in an expression; function: if_not_exists'],
    ['list_append(a, a) = :l', 'The function is not allowed to be used this way in an expression; function: list_append'],
    ['a BETWEEN :n2 AND :n', 'The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:20}, upper bound operand: AttributeValue: {N:10}'],
  ])('%s', (expr, message) => {
    expect(parseError(expr)).toBe(`Invalid ConditionExpression: ${message}`);
  });

  it('reports a redundant parenthesis before an unknown function and a reserved word', () => {
    expect(parseError('((status = :s)) AND foo(a)')).toBe('Invalid ConditionExpression: The expression has redundant parentheses;');
    expect(parseError('status = :s AND foo(a)')).toBe('Invalid ConditionExpression: Invalid function name; function: foo');
  });

  it('reports a reserved word before an undefined placeholder', () => {
    expect(parseError('#x = :s AND status = :s')).toBe('Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status');
  });

  it('reports redundant parentheses around an operand before a repeated path', () => {
    expect(parseError('a=a and a > ((views))', { kind: 'FilterExpression' })).toBe('Invalid FilterExpression: The expression has redundant parentheses;');
    expect(parseError('((size(a))) > :n')).toBe('Invalid ConditionExpression: The expression has redundant parentheses;');
    expect(parseError('a IN (((:s)), :n)')).toBe('Invalid ConditionExpression: The expression has redundant parentheses;');
  });

  it('does not count a function call\'s own parentheses as redundant', () => {
    expect(parseError('a=a and whatever((:things)) > a', { kind: 'FilterExpression' })).toBe('Invalid FilterExpression: Invalid function name; function: whatever');
    const ctx = new ExprContext(undefined, values);
    expect(() => parseCondition('begins_with((a), (:pre))', ctx)).not.toThrow();
  });

  it('reports the problem of the first faulty condition, not the highest-ranked one', () => {
    const only = { ':a': { S: '1' } };
    expect(parseError('attribute_exists(:a) and a=a', { values: only, kind: 'FilterExpression' })).toBe(
      'Invalid FilterExpression: Operator or function requires a document path; operator or function: attribute_exists',
    );
    expect(parseError('a=a and attribute_exists(:a)', { values: only })).toBe(
      'Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]',
    );
    // Within one condition the ranking still holds: an undefined value before a repeated path.
    expect(parseError('contains(a, a) AND b = :nope', { values: only })).toBe(
      'Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [a]',
    );
    expect(parseError('begins_with(a, :nope) = a', { values: only })).toBe(
      'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: begins_with',
    );
  });

  it('evaluates parenthesised operands like bare ones', () => {
    expect(ev('(str) = :s AND (num) BETWEEN (:n) AND :n2 AND (size(lst)) = :three')).toBe(true);
    expect(ev('NOT (str) IN ((:s2), :s)')).toBe(false);
  });

  it('accepts single parentheses around parts and the whole', () => {
    const ctx = new ExprContext(undefined, values);
    expect(() => parseCondition('(a = :s) AND (b = :s)', ctx)).not.toThrow();
    expect(() => parseCondition('(a = :s AND (b = :s))', ctx)).not.toThrow();
  });

  it('limits IN to 100 operands, counting the left one', () => {
    const many: Record<string, AttributeValue> = {};
    for (let i = 0; i < 100; i++) many[`:v${i}`] = { N: String(i) };
    const lst = Object.keys(many);
    expect(parseError(`a IN (${lst.join(', ')})`, { values: many })).toBe(
      'Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101',
    );
    const ctx = new ExprContext(undefined, many);
    expect(() => parseCondition(`a IN (${lst.slice(0, 99).join(', ')})`, ctx)).not.toThrow();
  });
});
