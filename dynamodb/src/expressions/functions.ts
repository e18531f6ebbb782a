// The functions of condition and filter expressions, their parse-time checks and their
// evaluation: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html#Expressions.OperatorsAndFunctions.Functions
// Check messages as DynamoDB answers them (recorded in dynalite's db/conditionParser.pegjs).

import type { AttributeType, AttributeValue } from '../types.ts';
import { attributeType } from '../types.ts';
import { setHas, valuesEqual } from './compare.ts';
import type { Issues } from './context.ts';
import type { PathOperand, ValueOperand } from './paths.ts';
import { pathString } from './paths.ts';

export interface FunctionCall {
  kind: 'function';
  name: string;
  args: Operand[];
}

export type Operand = PathOperand | ValueOperand | FunctionCall;

/** Types `attribute_type` accepts, in the order DynamoDB lists them in its message. */
const TYPE_NAMES = ['B', 'NULL', 'SS', 'BOOL', 'L', 'BS', 'N', 'NS', 'S', 'M'];

const operandType = (name: string, type: string) =>
  `Incorrect operand type for operator or function; operator or function: ${name}, operand type: ${type}`;

const ARITY: Record<string, number> = {
  attribute_exists: 1,
  attribute_not_exists: 1,
  attribute_type: 2,
  begins_with: 2,
  contains: 2,
  size: 1,
};

/** The type an operand is known to have before any item is seen (values and function results). */
export function staticType(op: Operand): AttributeType | undefined {
  if (op.kind === 'value') return op.value ? attributeType(op.value) : undefined;
  if (op.kind === 'function') return op.name === 'size' ? 'N' : 'BOOL';
  return undefined;
}

function samePath(a: Operand | undefined, b: Operand | undefined): a is PathOperand {
  return a?.kind === 'path' && b?.kind === 'path' && a.elements.length === b.elements.length && a.elements.every((e, i) => e === b.elements[i]);
}

/** `a = a`, `begins_with(a, a)`: DynamoDB rejects an operator whose two operands are one path. */
export function checkDistinct(operator: string, args: Operand[], issues: Issues): void {
  if (args.length === 2 && samePath(args[0], args[1])) {
    issues.add(
      'distinct',
      `The first operand must be distinct from the remaining operands for this operator or function; operator: ${operator}, first operand: ${pathString(args[0].elements)}`,
    );
  }
}

export const misused = (name: string) => `The function is not allowed to be used this way in an expression; function: ${name}`;

/** Functions of update expressions; conditions know them but refuse them. */
export const UPDATE_FUNCTIONS = new Set(['if_not_exists', 'list_append']);

/** Functions of condition expressions; update expressions know them but refuse them. */
export const CONDITION_FUNCTIONS = new Set(Object.keys(ARITY));

/** Only size() may be an operand; other functions are conditions on their own. */
export function checkMisused(args: Operand[], issues: Issues): void {
  for (const arg of args) {
    if (arg.kind === 'function' && arg.name !== 'size') issues.add('misusedFunction', misused(arg.name));
  }
}

/** Types `<`, `<=`, `>`, `>=` and BETWEEN can order; a literal of another type is refused. */
export function checkOrderable(operator: string, args: Operand[], issues: Issues): void {
  for (const arg of args) {
    const type = arg.kind === 'value' ? staticType(arg) : undefined;
    if (type && type !== 'S' && type !== 'N' && type !== 'B') issues.add('function', operandType(operator, type));
  }
}

/** Parse-time checks of one call (name, arity, operand kinds and literal types). */
export function checkFunction(call: FunctionCall, issues: Issues): void {
  const { name, args } = call;
  checkMisused(args, issues);
  const arity = ARITY[name];
  if (arity === undefined) {
    // The update-expression functions are known names, just not usable here.
    if (UPDATE_FUNCTIONS.has(name)) issues.add('misusedFunction', misused(name));
    else issues.add('unknownFunction', `Invalid function name; function: ${name}`);
    return;
  }
  if (arity !== args.length) {
    issues.add('operand', `Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`);
    return;
  }
  checkDistinct(name, args, issues);
  switch (name) {
    case 'attribute_exists':
    case 'attribute_not_exists':
      if (args[0]!.kind !== 'path') issues.add('function', `Operator or function requires a document path; operator or function: ${name}`);
      return;
    case 'begins_with':
      for (const arg of args) {
        const type = staticType(arg);
        if (type && type !== 'S' && type !== 'B') issues.add('function', operandType(name, type));
      }
      return;
    case 'attribute_type': {
      const type = staticType(args[1]!);
      if (type !== 'S') {
        issues.add('function', operandType(name, type ?? '{NS,SS,L,BS,N,M,B,BOOL,NULL,S}'));
        return;
      }
      const wanted = ((args[1] as ValueOperand).value as { S: string }).S;
      if (!TYPE_NAMES.includes(wanted)) {
        issues.add('function', `Invalid attribute type name found; type: ${wanted}, valid types: {${TYPE_NAMES.join(',')}}`);
      }
      return;
    }
    case 'size': {
      const type = staticType(args[0]!);
      if (type === 'N' || type === 'BOOL' || type === 'NULL') issues.add('function', operandType(name, type));
      return;
    }
  }
}

/**
 * size(): characters of a String counted as UTF-8 bytes (the docs: "an attribute's size in
 * bytes"), bytes of a Binary, elements of a set or List, entries of a Map.
 */
export function sizeOf(v: AttributeValue | undefined): AttributeValue | undefined {
  if (!v) return undefined;
  let n: number;
  if ('S' in v) n = Buffer.byteLength(v.S, 'utf8');
  else if ('B' in v) n = Buffer.from(v.B, 'base64').length;
  else if ('SS' in v) n = v.SS.length;
  else if ('NS' in v) n = v.NS.length;
  else if ('BS' in v) n = v.BS.length;
  else if ('L' in v) n = v.L.length;
  else if ('M' in v) n = Object.keys(v.M).length;
  else return undefined;
  return { N: String(n) };
}

function beginsWith(v: AttributeValue | undefined, prefix: AttributeValue | undefined): boolean {
  if (!v || !prefix) return false;
  if ('S' in v && 'S' in prefix) return v.S.startsWith(prefix.S);
  if ('B' in v && 'B' in prefix) {
    const bytes = Buffer.from(v.B, 'base64');
    const head = Buffer.from(prefix.B, 'base64');
    return bytes.length >= head.length && bytes.subarray(0, head.length).equals(head);
  }
  return false;
}

/** contains(): substring of a String (or Binary), member of a set of the operand's type, element of a List. */
function contains(v: AttributeValue | undefined, operand: AttributeValue | undefined): boolean {
  if (!v || !operand) return false;
  if ('S' in v) return 'S' in operand && v.S.includes(operand.S);
  if ('B' in v) return 'B' in operand && Buffer.from(v.B, 'base64').includes(Buffer.from(operand.B, 'base64'));
  if ('SS' in v) return 'S' in operand && setHas(v, operand.S);
  if ('NS' in v) return 'N' in operand && setHas(v, operand.N);
  if ('BS' in v) return 'B' in operand && setHas(v, operand.B);
  if ('L' in v) return v.L.some((e) => valuesEqual(e, operand));
  return false;
}

/** Evaluates a boolean function given its resolved operands. */
export function callFunction(name: string, args: (AttributeValue | undefined)[]): boolean {
  const [a, b] = args;
  switch (name) {
    case 'attribute_exists':
      return a !== undefined;
    case 'attribute_not_exists':
      return a === undefined;
    case 'attribute_type':
      return a !== undefined && b !== undefined && 'S' in b && attributeType(a) === b.S;
    case 'begins_with':
      return beginsWith(a, b);
    case 'contains':
      return contains(a, b);
    default:
      return false;
  }
}
