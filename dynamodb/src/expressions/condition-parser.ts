// Recursive-descent parser for condition, filter and key-condition expressions:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html#Expressions.OperatorsAndFunctions.Syntax
//
//   condition  := or
//   or         := and ("OR" and)*
//   and        := not ("AND" not)*              precedence NOT > AND > OR
//   not        := "NOT" not | primary
//   primary    := "(" condition ")"
//               | operand comparator operand
//               | operand "BETWEEN" operand "AND" operand
//               | operand "IN" "(" operand ("," operand)* ")"
//               | function                       a boolean function on its own
//   operand    := "(" operand ")" | path | :value | function   only size() is allowed as an operand
//
// A "(" that opens a condition is told from one that opens an operand by the token after
// its ")": only an operand is followed by a comparator, BETWEEN or IN.
// Syntax errors throw at once; semantic problems are collected and the first by category
// is reported, in the order DynamoDB uses (see ORDER and CONDITION_ORDER).

import { invalidExpression } from '../errors.ts';
import { compareValues } from './compare.ts';
import type { ExprContext } from './context.ts';
import { Issues } from './context.ts';
import type { FunctionCall, Operand } from './functions.ts';
import { checkDistinct, checkFunction, checkMisused, checkOrderable } from './functions.ts';
import { atPath, parsePath, parseValue } from './paths.ts';
import type { ValueOperand } from './paths.ts';
import { TokenStream } from './tokenizer.ts';

export type { FunctionCall, Operand } from './functions.ts';

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'compare'; op: Comparator; left: Operand; right: Operand }
  | { kind: 'between'; operand: Operand; low: Operand; high: Operand }
  | { kind: 'in'; operand: Operand; list: Operand[] }
  | { kind: 'call'; call: FunctionCall }
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; operand: Condition };

export type ConditionKind = 'ConditionExpression' | 'FilterExpression' | 'KeyConditionExpression';

const COMPARATORS = new Set(['=', '<>', '<', '<=', '>', '>=']);
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN']);

/**
 * Which problem DynamoDB reports when an expression has several (the order recorded in
 * dynalite's db/conditionParser.pegjs, checkErrors). 'condition' stands for CONDITION_ORDER.
 */
const ORDER = ['parens', 'unknownFunction', 'misusedFunction', 'reserved', 'tooManyOperands', 'condition', 'tooManyOperators'];

/**
 * Problems judged per condition (dynalite's checkConditionErrors): the first complete
 * condition with any of them decides, so `attribute_exists(:a) and a=a` reports the path
 * error of the first condition, not the distinct-operands error of the second.
 */
const CONDITION_ORDER = ['attrName', 'attrValue', 'operand', 'distinct', 'function'];

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-expression-parameters
const MAX_IN_OPERANDS = 100;
const MAX_OPERATORS = 300;

const REDUNDANT_PARENS = 'The expression has redundant parentheses;';

class ConditionParser {
  readonly ts: TokenStream;
  readonly ctx: ExprContext;
  readonly issues = new Issues();
  /** Nodes that came straight out of a parenthesised group, to spot `((x))`. */
  readonly grouped = new WeakSet<Condition>();
  operators = 0;

  constructor(expr: string, ctx: ExprContext, kind: string) {
    this.ts = new TokenStream(expr, kind);
    this.ctx = ctx;
  }

  parse(): Condition {
    const cond = this.or();
    if (!this.ts.atEnd()) throw this.ts.syntaxError();
    if (this.operators > MAX_OPERATORS) {
      this.issues.add('tooManyOperators', `The expression contains too many operators; operator count: ${this.operators}`);
    }
    this.issues.settle('condition', CONDITION_ORDER);
    this.issues.throwFirst(this.ts.kind, ORDER);
    return cond;
  }

  or(): Condition {
    let left = this.and();
    while (this.ts.accept('OR')) {
      this.operators++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  and(): Condition {
    let left = this.not();
    while (this.ts.accept('AND')) {
      this.operators++;
      left = { kind: 'and', left, right: this.not() };
    }
    return left;
  }

  not(): Condition {
    if (this.ts.accept('NOT')) {
      this.operators++;
      return { kind: 'not', operand: this.not() };
    }
    return this.primary();
  }

  primary(): Condition {
    const { ts, issues } = this;
    if (ts.is('(') && !this.operandInParens()) {
      ts.next();
      const inner = this.or();
      ts.expect(')');
      if (this.grouped.has(inner)) issues.add('parens', REDUNDANT_PARENS);
      this.grouped.add(inner);
      return inner;
    }
    const cond = this.comparison();
    issues.settle('condition', CONDITION_ORDER);
    return cond;
  }

  /** At a "(": whether the token after its matching ")" continues an operand. */
  operandInParens(): boolean {
    const { ts } = this;
    let depth = 0;
    for (let i = 0; ts.peek(i); i++) {
      if (ts.is('(', i)) depth++;
      else if (ts.is(')', i) && --depth === 0) {
        const after = ts.peek(i + 1);
        return (after?.kind === 'op' && COMPARATORS.has(after.text)) || ts.is('BETWEEN', i + 1) || ts.is('IN', i + 1);
      }
    }
    return false;
  }

  /** A comparison, BETWEEN, IN or a boolean function on its own. */
  comparison(): Condition {
    const { ts, issues } = this;
    const left = this.operand();
    const t = ts.peek();
    if (t?.kind === 'op' && COMPARATORS.has(t.text)) {
      ts.next();
      this.operators++;
      const right = this.operand();
      checkMisused([left, right], issues);
      checkDistinct(t.text, [left, right], issues);
      if (t.text !== '=' && t.text !== '<>') checkOrderable(t.text, [left, right], issues);
      return { kind: 'compare', op: t.text as Comparator, left, right };
    }
    if (ts.accept('BETWEEN')) {
      this.operators++;
      const low = this.operand();
      ts.expect('AND');
      const high = this.operand();
      checkMisused([left, low, high], issues);
      checkOrderable('BETWEEN', [left, low, high], issues);
      this.checkBounds(low, high);
      return { kind: 'between', operand: left, low, high };
    }
    if (ts.accept('IN')) {
      this.operators++;
      ts.expect('(');
      const list = [this.operand()];
      while (ts.accept(',')) list.push(this.operand());
      ts.expect(')');
      checkMisused([left, ...list], issues);
      // The limit counts the left operand too: `a IN (99 values)` is the most DynamoDB takes.
      if (list.length + 1 > MAX_IN_OPERANDS) {
        issues.add('tooManyOperands', `The IN operator is provided with too many operands; number of operands: ${list.length + 1}`);
      }
      return { kind: 'in', operand: left, list };
    }
    if (left.kind === 'function') {
      // size() yields a number, not a truth value.
      if (left.name === 'size') issues.add('misusedFunction', 'The function is not allowed to be used this way in an expression; function: size');
      return { kind: 'call', call: left };
    }
    throw ts.syntaxError();
  }

  operand(): Operand {
    const { ts } = this;
    if (ts.accept('(')) {
      // `(a)` is allowed, `((a))` is not; a function's own parentheses do not count.
      if (ts.is('(')) this.issues.add('parens', REDUNDANT_PARENS);
      const inner = this.operand();
      ts.expect(')');
      return inner;
    }
    const t = ts.peek();
    if (t?.kind === 'attrValue') return parseValue(ts, this.ctx, this.issues);
    if (t?.kind === 'name' && ts.is('(', 1)) return this.call();
    if (!atPath(ts) || (t!.kind === 'name' && KEYWORDS.has(t!.text.toUpperCase()))) throw ts.syntaxError();
    return parsePath(ts, this.ctx, this.issues);
  }

  call(): FunctionCall {
    const { ts } = this;
    const name = ts.next().text;
    ts.expect('(');
    const args: Operand[] = [];
    if (!ts.is(')')) {
      args.push(this.operand());
      while (ts.accept(',')) args.push(this.operand());
    }
    ts.expect(')');
    this.operators++;
    const call: FunctionCall = { kind: 'function', name, args };
    checkFunction(call, this.issues);
    return call;
  }

  /** BETWEEN with two literal bounds: same type, and low <= high. */
  checkBounds(low: Operand, high: Operand): void {
    if (low.kind !== 'value' || high.kind !== 'value' || !low.value || !high.value) return;
    const show = (v: ValueOperand) => {
      const [type, raw] = Object.entries(v.value!)[0]!;
      return `AttributeValue: {${type}:${raw}}`;
    };
    const bounds = `lower bound operand: ${show(low)}, upper bound operand: ${show(high)}`;
    const order = compareValues(low.value, high.value);
    if (Object.keys(low.value)[0] !== Object.keys(high.value)[0]) {
      this.issues.add('function', `The BETWEEN operator requires same data type for lower and upper bounds; ${bounds}`);
    } else if (order !== undefined && order > 0) {
      this.issues.add('function', `The BETWEEN operator requires upper bound to be greater than or equal to lower bound; ${bounds}`);
    }
  }
}

/** Parses a condition (or filter / key-condition) expression; throws ValidationException. */
export function parseConditionExpression(expr: string, ctx: ExprContext, kind: ConditionKind): Condition {
  if (expr.trim() === '') throw invalidExpression(kind, 'The expression can not be empty;');
  return new ConditionParser(expr, ctx, kind).parse();
}
