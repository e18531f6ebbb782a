// SET and REMOVE clauses of a PartiQL UPDATE, parsed into the update tree the UpdateItem path
// applies (../expressions/update-apply.ts):
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.update.html
//
//   SET path = data [, path = data]…      data := term [(+ | -) term]
//   term := value | path | (data) | list_append(data, data)
//   SET path = set_add(path, <<…>>)       → ADD path <<…>>     (the path must be the target)
//   SET path = set_delete(path, <<…>>)    → DELETE path <<…>>
//   REMOVE path [, path]…

import { validation } from '../errors.ts';
import { Issues } from '../expressions/context.ts';
import type { Update } from '../expressions/index.ts';
import type { PathOperand, ValueOperand } from '../expressions/paths.ts';
import { checkPathSet } from '../expressions/paths.ts';
import type { SetValue } from '../expressions/update-parser.ts';
import { unrecognizedFunction } from './errors.ts';
import { atPath, parsePath } from './conditions.ts';
import type { Tokens } from './lexer.ts';
import { atValue, parseValue, type Params } from './values.ts';

export type PartiqlUpdate = Update;

const SET_TYPES = new Set(['SS', 'NS', 'BS']);

function term(ts: Tokens, params: Params): SetValue {
  if (ts.acceptPunct('(')) {
    const inner = data(ts, params);
    ts.expectPunct(')');
    return inner;
  }
  if (ts.peek().kind === 'word' && ts.isPunct('(', 1)) {
    const name = ts.next().text.toLowerCase();
    if (name !== 'list_append') throw unrecognizedFunction(name);
    ts.expectPunct('(');
    const a = data(ts, params);
    ts.expectPunct(',');
    const b = data(ts, params);
    ts.expectPunct(')');
    return { kind: 'function', name, args: [a, b] };
  }
  if (atValue(ts)) {
    const text = ts.peek().text;
    return { kind: 'value', placeholder: text, value: parseValue(ts, params) } satisfies ValueOperand;
  }
  if (atPath(ts)) return parsePath(ts);
  throw ts.unexpected('expected a value or a path');
}

function data(ts: Tokens, params: Params): SetValue {
  const left = term(ts, params);
  if (ts.isPunct('+') || ts.isPunct('-')) {
    const op = ts.next().text as '+' | '-';
    return { kind: 'arith', op, left, right: term(ts, params) };
  }
  return left;
}

const samePath = (a: PathOperand, b: PathOperand) =>
  a.elements.length === b.elements.length && a.elements.every((e, i) => e === b.elements[i]);

/** `path = set_add(path, <<…>>)` / set_delete as an ADD / DELETE action. */
function setFunction(ts: Tokens, params: Params, path: PathOperand, update: Update): boolean {
  const name = ts.peek().kind === 'word' && ts.isPunct('(', 1) ? ts.peek().text.toUpperCase() : '';
  if (name !== 'SET_ADD' && name !== 'SET_DELETE') return false;
  const op = name.slice(4);
  ts.next();
  ts.expectPunct('(');
  const first = atPath(ts) ? parsePath(ts) : undefined;
  if (!first || !samePath(first, path)) throw validation(`The first argument to SET_${op} must equal the assignment value`);
  if (!ts.acceptPunct(',')) throw validation(`SET_${op} must have exactly two arguments`);
  const text = ts.peek().text;
  const value = atValue(ts) ? parseValue(ts, params) : undefined;
  if (!value || !SET_TYPES.has(Object.keys(value)[0]!)) throw validation(`The second argument to SET_${op} must be a value with type SET`);
  if (!ts.acceptPunct(')')) throw validation(`SET_${op} must have exactly two arguments`);
  update.actions.push({ action: op === 'ADD' ? 'ADD' : 'DELETE', path, value: { kind: 'value', placeholder: text, value } });
  return true;
}

/** Checks that no two targets overlap, with UpdateItem's message. */
function checkTargets(update: Update): void {
  const issues = new Issues();
  checkPathSet(update.actions.map((a) => a.path.elements), issues);
  issues.throwFirst('UpdateExpression', ['pathOverlap', 'pathConflict']);
}

export function parseSetClause(ts: Tokens, params: Params, update: Update): void {
  do {
    const path = parsePath(ts);
    ts.expectPunct('=');
    if (!setFunction(ts, params, path, update)) update.actions.push({ action: 'SET', path, value: data(ts, params) });
  } while (ts.acceptPunct(','));
  checkTargets(update);
}

export function parseRemoveClause(ts: Tokens, update: Update): void {
  do update.actions.push({ action: 'REMOVE', path: parsePath(ts) });
  while (ts.acceptPunct(','));
  checkTargets(update);
}
