// Literal values of DynamoDB's PartiQL and their AttributeValues:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.data-types.html
//   'text' → S, 12.5 → N, TRUE/FALSE → BOOL, NULL → NULL, [a, b] → L, {'k': v} → M,
//   <<'a', 'b'>> → SS, <<1, 2>> → NS (a bag of strings or numbers), ? → the next Parameters value.
// MISSING is not a value: it may only be tested with IS (see conditions.ts).

import { DynamoError, validation } from '../errors.ts';
import { canonicalNumber } from '../numbers.ts';
import { attributeType, type AttributeValue } from '../types.ts';
import { duplicateTupleKey, malformed, PARAMETER_COUNT, unsupportedDataType } from './errors.ts';
import type { Tokens } from './lexer.ts';

/** The statement's `?` values, consumed in order. */
export class Params {
  private readonly values: AttributeValue[];
  private used = 0;

  constructor(values: AttributeValue[] | undefined) {
    this.values = values ?? [];
  }

  next(): AttributeValue {
    const v = this.values[this.used++];
    if (!v) throw validation(PARAMETER_COUNT);
    return v;
  }

  /** Every parameter must be used exactly once. */
  assertAllUsed(): void {
    if (this.used !== this.values.length) throw validation(PARAMETER_COUNT);
  }
}

/** Whether the token at the cursor starts a literal value (or `?`). */
export function atValue(ts: Tokens): boolean {
  const t = ts.peek();
  if (t.kind === 'string' || t.kind === 'number' || t.kind === 'param') return true;
  if (t.kind === 'punct') return ['<<', '[', '{', '-'].includes(t.text);
  return ts.isWord('TRUE') || ts.isWord('FALSE') || ts.isWord('NULL');
}

function number(text: string): AttributeValue {
  try {
    return { N: canonicalNumber(text) };
  } catch (err) {
    if (err instanceof DynamoError) throw err;
    throw malformed(`Invalid number ${text}`);
  }
}

/** A bag: strings make a String Set, numbers a Number Set; DynamoDB allows nothing else. */
function bag(members: AttributeValue[]): AttributeValue {
  if (!members.length) throw validation('Empty bags are not supported');
  const type = attributeType(members[0]!);
  const same = members.every((m) => attributeType(m) === type);
  const BAG_ERROR = 'Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags';
  if (!same || (type !== 'S' && type !== 'N' && type !== 'B')) throw validation(BAG_ERROR);
  const raw = members.map((m) => (m as Record<string, string>)[type]!);
  if (new Set(raw).size !== raw.length) throw validation(`Input collection [${raw.join(', ')}] contains duplicates.`);
  return { [`${type}S`]: raw } as AttributeValue;
}

/** Parses one literal value (the cursor is at a token for which `atValue` holds). */
export function parseValue(ts: Tokens, params: Params, under = 'item'): AttributeValue {
  const t = ts.next();
  switch (t.kind) {
    case 'string':
      return { S: t.text };
    case 'number':
      return number(t.text);
    case 'param':
      return params.next();
    case 'word': {
      const w = t.text.toUpperCase();
      if (w === 'TRUE' || w === 'FALSE') return { BOOL: w === 'TRUE' };
      if (w === 'NULL') return { NULL: true };
      break;
    }
    case 'punct':
      if (t.text === '-' && ts.peek().kind === 'number') return number(`-${ts.next().text}`);
      if (t.text === '[') return { L: list(ts, params, ']', under) };
      if (t.text === '<<') return bag(list(ts, params, '>>', under));
      if (t.text === '{') return { M: struct(ts, params, under) };
      break;
  }
  throw malformed(`Unexpected token '${t.text}' at position ${t.at}, expected a value`);
}

function list(ts: Tokens, params: Params, close: string, under: string): AttributeValue[] {
  const out: AttributeValue[] = [];
  if (ts.acceptPunct(close)) return out;
  do {
    if (ts.isWord('MISSING')) throw unsupportedDataType('MISSING', under);
    if (!atValue(ts)) throw ts.unexpected('expected a value');
    out.push(parseValue(ts, params, under));
  } while (ts.acceptPunct(','));
  ts.expectPunct(close);
  return out;
}

function struct(ts: Tokens, params: Params, under: string): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  if (ts.acceptPunct('}')) return out;
  do {
    const k = ts.peek();
    let key: string;
    if (k.kind === 'string') key = ts.next().text;
    else if (k.kind === 'param') {
      const v = params.next();
      ts.next();
      if (!('S' in v)) throw validation(`Tuple keys must be of type String. Actual type: ${attributeType(v)} under ${under}`);
      key = v.S;
    } else throw ts.unexpected('expected a string key');
    ts.expectPunct(':');
    if (Object.hasOwn(out, key)) throw duplicateTupleKey(key, under);
    if (ts.isWord('MISSING')) throw unsupportedDataType('MISSING', key);
    if (!atValue(ts)) throw ts.unexpected('expected a value');
    out[key] = parseValue(ts, params, key);
  } while (ts.acceptPunct(','));
  ts.expectPunct('}');
  return out;
}
