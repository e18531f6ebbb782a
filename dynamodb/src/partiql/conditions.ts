// WHERE clauses of DynamoDB's PartiQL, parsed straight into the condition tree the expression
// evaluator already runs (../expressions), so PartiQL conditions behave exactly like
// ConditionExpression/FilterExpression: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-operators.html
// and https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-functions.html
//
//   or        := and (OR and)*                   precedence NOT > AND > OR
//   and       := not (AND not)*
//   not       := NOT not | "(" or ")" | predicate
//   predicate := function(args)                  begins_with, contains, attribute_type
//              | operand comparator operand      = <> != < <= > >=
//              | operand [NOT] BETWEEN operand AND operand
//              | operand [NOT] IN [v, …] | (v, …)
//              | operand IS [NOT] MISSING | NULL | STRING | NUMERIC | BOOLEAN | BLOB | LIST | STRUCT | TUPLE
//   operand   := path | value | ? | size(path)

import type { Condition } from '../expressions/index.ts';
import type { Operand } from '../expressions/condition-parser.ts';
import type { PathOperand, ValueOperand } from '../expressions/paths.ts';
import { validation } from '../errors.ts';
import { MISSING_COMPARED, malformed, unrecognizedFunction } from './errors.ts';
import type { Tokens } from './lexer.ts';
import { isReservedKeyword } from './reserved.ts';
import { atValue, parseValue, type Params } from './values.ts';


/** IS <type>: the attribute_type each PartiQL type name stands for. */
const IS_TYPES: Record<string, string> = {
  NULL: 'NULL', BOOLEAN: 'BOOL', BLOB: 'B', STRING: 'S', NUMERIC: 'N', STRUCT: 'M', TUPLE: 'M', LIST: 'L',
};

const COMPARATORS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);
const BOOLEAN_FUNCTIONS: Record<string, number> = { begins_with: 2, contains: 2, attribute_type: 2 };

/** attribute_type's type names, in the order DynamoDB's PartiQL lists them in its message. */
const TYPE_NAMES = ['N', 'BS', 'L', 'B', 'NULL', 'M', 'S', 'SS', 'NS', 'BOOL'];

function checkTypeName(arg: Operand): void {
  const v = arg.kind === 'value' ? arg.value : undefined;
  if (v && 'S' in v && !TYPE_NAMES.includes(v.S)) {
    throw validation(`Invalid attribute type name found; type: ${v.S}, valid types: {${TYPE_NAMES.join(',')}}`);
  }
}

const value = (v: ValueOperand['value'], text = '?'): ValueOperand => ({ kind: 'value', placeholder: text, value: v });
const call = (name: string, args: Operand[]): Condition => ({ kind: 'call', call: { kind: 'function', name, args } });

/** A name (attribute, table or index): a "quoted identifier" or a bare word that is not reserved. */
export function parseName(ts: Tokens): string {
  const t = ts.peek();
  if (t.kind === 'quoted') {
    if (t.text === '') throw validation('Path component cannot be an empty string');
    return ts.next().text;
  }
  if (t.kind === 'word' && !isReservedKeyword(t.text)) return ts.next().text;
  if (t.kind === 'word') throw malformed(`Unexpected keyword '${t.text}' at position ${t.at}; quote a name that is a reserved word: "${t.text}"`);
  throw ts.unexpected('expected a name');
}

/** Whether the cursor is at a path (a name not followed by `(`, which would make it a call). */
export function atPath(ts: Tokens): boolean {
  const t = ts.peek();
  return t.kind === 'quoted' || (t.kind === 'word' && !isReservedKeyword(t.text) && !ts.isPunct('(', 1));
}

/** A document path: name ("." name | "[" index "]")*. */
export function parsePath(ts: Tokens): PathOperand {
  const elements: PathOperand['elements'] = [parseName(ts)];
  for (;;) {
    if (ts.acceptPunct('.')) {
      elements.push(parseName(ts));
    } else if (ts.acceptPunct('[')) {
      const t = ts.next();
      if (t.kind !== 'number' || !/^\d+$/.test(t.text)) throw malformed(`Unexpected token '${t.text}' at position ${t.at}, expected a list index`);
      elements.push(Number(t.text));
      ts.expectPunct(']');
    } else {
      return { kind: 'path', elements };
    }
  }
}

export class ConditionParser {
  private readonly ts: Tokens;
  private readonly params: Params;

  constructor(ts: Tokens, params: Params) {
    this.ts = ts;
    this.params = params;
  }

  parse(): Condition {
    return this.or();
  }

  private or(): Condition {
    let left = this.and();
    while (this.ts.acceptWord('OR')) left = { kind: 'or', left, right: this.and() };
    return left;
  }

  private and(): Condition {
    let left = this.not();
    while (this.ts.acceptWord('AND')) left = { kind: 'and', left, right: this.not() };
    return left;
  }

  private not(): Condition {
    if (this.ts.acceptWord('NOT')) return { kind: 'not', operand: this.not() };
    if (this.ts.acceptPunct('(')) {
      const inner = this.or();
      this.ts.expectPunct(')');
      return inner;
    }
    return this.predicate();
  }

  /** `name(` at the cursor: a function call. */
  private atCall(): boolean {
    return this.ts.peek().kind === 'word' && this.ts.isPunct('(', 1);
  }

  private args(): Operand[] {
    this.ts.expectPunct('(');
    const args: Operand[] = [];
    if (!this.ts.acceptPunct(')')) {
      do args.push(this.operand());
      while (this.ts.acceptPunct(','));
      this.ts.expectPunct(')');
    }
    return args;
  }

  private operand(): Operand {
    const ts = this.ts;
    if (ts.isWord('MISSING')) throw validation(MISSING_COMPARED);
    if (this.atCall()) {
      const name = ts.next().text.toLowerCase();
      if (name !== 'size') throw unrecognizedFunction(name);
      const args = this.args();
      if (args.length !== 1 || args[0]!.kind !== 'path') throw validation('SIZE function requires a single path argument');
      return { kind: 'function', name, args };
    }
    if (atValue(ts)) {
      const text = ts.peek().text;
      return value(parseValue(ts, this.params), text);
    }
    return parsePath(ts);
  }

  private predicate(): Condition {
    const ts = this.ts;
    if (this.atCall() && ts.peek().text.toLowerCase() !== 'size') {
      const name = ts.next().text.toLowerCase();
      const arity = BOOLEAN_FUNCTIONS[name];
      if (arity === undefined) throw unrecognizedFunction(name);
      const args = this.args();
      if (args.length !== arity) throw validation(`Incorrect number of arguments for function ${name}: ${args.length}`);
      if (args[0]!.kind !== 'path') throw validation(`The first argument of ${name} must be a path`);
      if (name === 'attribute_type') checkTypeName(args[1]!);
      return call(name, args);
    }
    const left = this.operand();
    if (ts.acceptWord('IS')) return this.is(left);
    const negated = ts.acceptWord('NOT');
    if (ts.acceptWord('BETWEEN')) {
      const low = this.operand();
      ts.expectWord('AND');
      const cond: Condition = { kind: 'between', operand: left, low, high: this.operand() };
      return negated ? { kind: 'not', operand: cond } : cond;
    }
    if (ts.acceptWord('IN')) {
      const cond = this.in(left);
      return negated ? { kind: 'not', operand: cond } : cond;
    }
    if (negated) throw ts.unexpected('expected BETWEEN or IN after NOT');
    const op = ts.peek();
    if (op.kind !== 'punct' || !COMPARATORS.has(op.text)) throw ts.unexpected('expected a comparison operator');
    ts.next();
    const right = this.operand();
    return { kind: 'compare', op: op.text === '!=' ? '<>' : (op.text as '='), left, right };
  }

  private in(left: Operand): Condition {
    const ts = this.ts;
    const INVALID_IN =
      'IN operator must have a left hand argument of type Variable Reference and right hand argument of type Seq with at least one member';
    const close = ts.acceptPunct('[') ? ']' : ts.acceptPunct('(') ? ')' : undefined;
    if (!close || left.kind !== 'path' || ts.isPunct(close)) throw validation(INVALID_IN);
    const list: Operand[] = [];
    do list.push(this.operand());
    while (ts.acceptPunct(','));
    ts.expectPunct(close);
    return { kind: 'in', operand: left, list };
  }

  private is(left: Operand): Condition {
    const ts = this.ts;
    if (left.kind !== 'path') throw validation('The left hand side argument to IS must be a Variable Reference, Literal, or Path');
    const negated = ts.acceptWord('NOT');
    const t = ts.next();
    const type = t.text.toUpperCase();
    let cond: Condition;
    if (t.kind === 'word' && type === 'MISSING') cond = call('attribute_not_exists', [left]);
    else if (t.kind === 'word' && IS_TYPES[type]) cond = call('attribute_type', [left, value({ S: IS_TYPES[type]! }, t.text)]);
    else {
      throw validation(
        `Unsupported data type for IS operator: ${t.text}. Supported data types are [MISSING, NULL, BOOLEAN, BLOB, STRING, NUMERIC, STRUCT, TUPLE, LIST]`,
      );
    }
    return negated ? { kind: 'not', operand: cond } : cond;
  }
}
