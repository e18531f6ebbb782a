// Parser for update expressions:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
//
//   update    := clause+                       each of SET / REMOVE / ADD / DELETE at most once
//   clause    := "SET" set ("," set)*
//              | "REMOVE" path ("," path)*
//              | "ADD" path :value ("," path :value)*
//              | "DELETE" path :value ("," path :value)*
//   set       := path "=" value
//   value     := operand (("+" | "-") operand)?
//   operand   := path | :value | "(" value ")" | name "(" operand ("," operand)* ")"
//
// Messages and the order in which problems are reported follow DynamoDB (recorded in
// dynalite's db/updateParser.pegjs).

import { invalidExpression } from '../errors.ts';
import { attributeType } from '../types.ts';
import type { ExprContext } from './context.ts';
import { Issues } from './context.ts';
import type { PathElement, PathOperand, ValueOperand } from './paths.ts';
import { atPath, checkPathSet, parsePath, parseValue } from './paths.ts';
import { CONDITION_FUNCTIONS, misused } from './functions.ts';
import { TokenStream } from './tokenizer.ts';

export type SetValue =
  | PathOperand
  | ValueOperand
  | { kind: 'function'; name: string; args: SetValue[] }
  | { kind: 'arith'; op: '+' | '-'; left: SetValue; right: SetValue };

export type UpdateAction =
  | { action: 'SET'; path: PathOperand; value: SetValue }
  | { action: 'REMOVE'; path: PathOperand }
  | { action: 'ADD' | 'DELETE'; path: PathOperand; value: ValueOperand };

export interface Update {
  actions: UpdateAction[];
}

const CLAUSES = ['SET', 'REMOVE', 'ADD', 'DELETE'] as const;
const ORDER = ['reserved', 'unknownFunction', 'misusedFunction', 'section', 'attrName', 'attrValue', 'pathOverlap', 'pathConflict', 'operand', 'function'];
const ARITY: Record<string, number> = { if_not_exists: 2, list_append: 2 };

/** Wire type names as the ADD / DELETE operand message spells them. */
const TYPE_WORDS: Record<string, string> = { S: 'STRING', N: 'NUMBER', B: 'BINARY', NULL: 'NULL', BOOL: 'BOOLEAN', L: 'LIST', M: 'MAP' };

const operandType = (name: string, type: string) =>
  `Incorrect operand type for operator or function; operator or function: ${name}, operand type: ${type}`;

/** The type of a literal value operand, when the operand is one. */
function literalType(v: SetValue): string | undefined {
  return v.kind === 'value' && v.value ? attributeType(v.value) : undefined;
}

class UpdateParser {
  readonly ts: TokenStream;
  readonly ctx: ExprContext;
  readonly issues = new Issues();

  constructor(expr: string, ctx: ExprContext) {
    this.ts = new TokenStream(expr, 'UpdateExpression');
    this.ctx = ctx;
  }

  parse(): Update {
    const { ts, issues } = this;
    const actions: UpdateAction[] = [];
    const seen = new Set<string>();
    do {
      const clause = CLAUSES.find((c) => ts.is(c));
      if (!clause) throw ts.syntaxError();
      ts.next();
      if (seen.has(clause)) issues.add('section', `The "${clause}" section can only be used once in an update expression;`);
      seen.add(clause);
      do actions.push(this.action(clause));
      while (ts.accept(','));
    } while (!ts.atEnd());
    checkPathSet(
      actions.map((a) => a.path.elements as PathElement[]),
      issues,
    );
    issues.throwFirst(ts.kind, ORDER);
    return { actions };
  }

  action(clause: (typeof CLAUSES)[number]): UpdateAction {
    const { ts } = this;
    if (!atPath(ts)) throw ts.syntaxError();
    const path = parsePath(ts, this.ctx, this.issues);
    if (clause === 'REMOVE') return { action: clause, path };
    if (clause === 'SET') {
      ts.expect('=');
      return { action: clause, path, value: this.value() };
    }
    if (ts.peek()?.kind !== 'attrValue') throw ts.syntaxError();
    const value = parseValue(ts, this.ctx, this.issues);
    const type = literalType(value);
    if (type && TYPE_WORDS[type] && !(clause === 'ADD' && type === 'N')) {
      this.issues.add('operand', `Incorrect operand type for operator or function; operator: ${clause}, operand type: ${TYPE_WORDS[type]}`);
    }
    return { action: clause, path, value };
  }

  value(): SetValue {
    const left = this.operand();
    const t = this.ts.peek();
    if (t?.kind !== 'op' || (t.text !== '+' && t.text !== '-')) return left;
    this.ts.next();
    const right = this.operand();
    for (const side of [left, right]) {
      const type = literalType(side);
      if (type && type !== 'N') this.issues.add('function', operandType(t.text, type));
    }
    return { kind: 'arith', op: t.text, left, right };
  }

  operand(): SetValue {
    const { ts } = this;
    const t = ts.peek();
    if (t?.kind === 'attrValue') return parseValue(ts, this.ctx, this.issues);
    if (ts.accept('(')) {
      const inner = this.value();
      ts.expect(')');
      return inner;
    }
    if (t?.kind === 'name' && ts.is('(', 1)) return this.call();
    if (!atPath(ts)) throw ts.syntaxError();
    return parsePath(ts, this.ctx, this.issues);
  }

  call(): SetValue {
    const { ts, issues } = this;
    const name = ts.next().text;
    ts.expect('(');
    // Arguments are operands: `f(a + b)` is a syntax error at the `+`, `f(a) + b` is fine.
    const args = [this.operand()];
    while (ts.accept(',')) args.push(this.operand());
    ts.expect(')');
    for (const arg of args) {
      // DynamoDB refuses list_append as an argument of another function.
      if (arg.kind === 'function' && arg.name === 'list_append') {
        issues.add('misusedFunction', misused(arg.name));
      }
    }
    const arity = ARITY[name];
    if (arity === undefined) {
      // Condition functions are known names, just not usable in an update.
      if (CONDITION_FUNCTIONS.has(name)) issues.add('misusedFunction', misused(name));
      else issues.add('unknownFunction', `Invalid function name; function: ${name}`);
    } else if (arity !== args.length) {
      issues.add('function', `Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`);
    } else if (name === 'if_not_exists' && args[0]!.kind !== 'path') {
      issues.add('function', `Operator or function requires a document path; operator or function: ${name}`);
    } else if (name === 'list_append') {
      for (const arg of args) {
        const type = literalType(arg);
        if (type && type !== 'L') issues.add('function', operandType(name, type));
      }
    }
    return { kind: 'function', name, args };
  }
}

export function parseUpdateExpression(expr: string, ctx: ExprContext): Update {
  if (expr.trim() === '') throw invalidExpression('UpdateExpression', 'The expression can not be empty;');
  return new UpdateParser(expr, ctx).parse();
}

/** Top-level attribute names an update touches, in order (for ReturnValues UPDATED_*). */
export function updatedPaths(u: Update): string[] {
  return [...new Set(u.actions.map((a) => a.path.elements[0] as string))];
}
