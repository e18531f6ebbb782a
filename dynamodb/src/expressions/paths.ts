// Document paths (`a.b[2].#c`) and value placeholders, the operands every expression
// language shares: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.Attributes.html

import type { AttributeValue, Item } from '../types.ts';
import type { ExprContext, Issues } from './context.ts';
import { isReserved } from './reserved.ts';
import type { TokenStream } from './tokenizer.ts';

/** A map key (string) or a list index (number). */
export type PathElement = string | number;

export interface PathOperand {
  kind: 'path';
  elements: PathElement[];
}

export interface ValueOperand {
  kind: 'value';
  placeholder: string;
  value: AttributeValue | undefined; // undefined only when the parse also recorded an issue
}

/** Whether the token at the cursor can start a document path. */
export function atPath(ts: TokenStream): boolean {
  const t = ts.peek();
  return t !== undefined && (t.kind === 'name' || t.kind === 'attrName');
}

/** One path element name: a bare word (checked against the reserved words) or a #placeholder. */
function parseName(ts: TokenStream, ctx: ExprContext, issues: Issues): string {
  const t = ts.peek();
  if (!t || (t.kind !== 'name' && t.kind !== 'attrName')) throw ts.syntaxError();
  ts.next();
  if (t.kind === 'name') {
    if (isReserved(t.text)) issues.add('reserved', `Attribute name is a reserved keyword; reserved keyword: ${t.text}`);
    return t.text;
  }
  const name = ctx.name(t.text);
  if (name === undefined) {
    issues.add('attrName', `An expression attribute name used in the document path is not defined; attribute name: ${t.text}`);
    return t.text;
  }
  return name;
}

export function parsePath(ts: TokenStream, ctx: ExprContext, issues: Issues): PathOperand {
  const elements: PathElement[] = [parseName(ts, ctx, issues)];
  for (;;) {
    if (ts.accept('.')) {
      elements.push(parseName(ts, ctx, issues));
    } else if (ts.is('[')) {
      ts.next();
      const t = ts.peek();
      if (!t || t.kind !== 'number') throw ts.syntaxError();
      ts.next();
      elements.push(Number(t.text));
      ts.expect(']');
    } else {
      return { kind: 'path', elements };
    }
  }
}

export function parseValue(ts: TokenStream, ctx: ExprContext, issues: Issues): ValueOperand {
  const t = ts.next();
  const value = ctx.value(t.text);
  if (value === undefined) {
    issues.add('attrValue', `An expression attribute value used in expression is not defined; attribute value: ${t.text}`);
  }
  return { kind: 'value', placeholder: t.text, value };
}

/** The form DynamoDB prints paths in inside messages: `[a, b, [2]]`. */
export function pathString(elements: readonly PathElement[]): string {
  return `[${elements.map((e) => (typeof e === 'number' ? `[${e}]` : e)).join(', ')}]`;
}

/** The value at a path, or undefined when any step is missing or of the wrong kind. */
export function getPath(item: Item | undefined, elements: readonly PathElement[]): AttributeValue | undefined {
  if (!item) return undefined;
  let current: AttributeValue | undefined = item[elements[0] as string];
  for (let i = 1; i < elements.length && current; i++) {
    const e = elements[i]!;
    if (typeof e === 'number') current = 'L' in current ? current.L[e] : undefined;
    else current = 'M' in current && Object.hasOwn(current.M, e) ? current.M[e] : undefined;
  }
  return current;
}

/**
 * How two paths of one expression relate: `overlap` when one is a prefix of the other
 * (or they are equal), `conflict` when at some step one indexes a list and the other a map.
 */
export function pathRelation(a: readonly PathElement[], b: readonly PathElement[]): 'overlap' | 'conflict' | undefined {
  for (let i = 0; i < a.length && i < b.length; i++) {
    if (typeof a[i] !== typeof b[i]) return 'conflict';
    if (a[i] !== b[i]) return undefined;
  }
  return 'overlap';
}

/** Records the overlap/conflict issues of a set of paths, in the order DynamoDB checks them. */
export function checkPathSet(paths: readonly PathElement[][], issues: Issues): void {
  for (let j = 1; j < paths.length; j++) {
    for (let i = 0; i < j; i++) {
      const relation = pathRelation(paths[i]!, paths[j]!);
      if (!relation) continue;
      const what = relation === 'overlap' ? 'overlap' : 'conflict';
      issues.add(
        relation === 'overlap' ? 'pathOverlap' : 'pathConflict',
        `Two document paths ${what} with each other; must remove or rewrite one of these paths; path one: ${pathString(paths[i]!)}, path two: ${pathString(paths[j]!)}`,
      );
    }
  }
}
