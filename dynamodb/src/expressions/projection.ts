// Projection expressions: a comma-separated list of document paths.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ProjectionExpressions.html
// Projected list elements keep their relative order and close up (`a[1], a[3]` gives a two
// element list), nested maps keep only the projected keys.

import { invalidExpression } from '../errors.ts';
import type { AttributeValue, Item } from '../types.ts';
import type { ExprContext } from './context.ts';
import { Issues } from './context.ts';
import type { PathElement } from './paths.ts';
import { atPath, checkPathSet, getPath, parsePath } from './paths.ts';
import { TokenStream } from './tokenizer.ts';

export interface Projection {
  paths: PathElement[][];
}

const ORDER = ['reserved', 'attrName', 'pathOverlap', 'pathConflict'];

export function parseProjectionExpression(expr: string, ctx: ExprContext): Projection {
  if (expr.trim() === '') throw invalidExpression('ProjectionExpression', 'The expression can not be empty;');
  const ts = new TokenStream(expr, 'ProjectionExpression');
  const issues = new Issues();
  const paths: PathElement[][] = [];
  do {
    if (!atPath(ts)) throw ts.syntaxError();
    paths.push(parsePath(ts, ctx, issues).elements);
  } while (ts.accept(','));
  if (!ts.atEnd()) throw ts.syntaxError();
  checkPathSet(paths, issues);
  issues.throwFirst(ts.kind, ORDER);
  return { paths };
}

/** The projected parts of a value, before list elements are closed up. */
type Tree = { leaf: AttributeValue } | { map: Map<string, Tree> } | { list: Map<number, Tree> };

function insert(tree: Tree & { map: Map<string, Tree> }, path: PathElement[], value: AttributeValue): void {
  let node: Tree = tree;
  path.forEach((element, i) => {
    const children = 'map' in node ? (node.map as Map<PathElement, Tree>) : 'list' in node ? (node.list as Map<PathElement, Tree>) : undefined;
    if (!children) return;
    let child = children.get(element);
    if (!child) {
      const next = path[i + 1];
      child = next === undefined ? { leaf: value } : typeof next === 'number' ? { list: new Map() } : { map: new Map() };
      children.set(element, child);
    }
    node = child;
  });
}

function build(tree: Tree): AttributeValue {
  if ('leaf' in tree) return structuredClone(tree.leaf);
  if ('list' in tree) return { L: [...tree.list.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => build(t)) };
  return { M: Object.fromEntries([...tree.map.entries()].map(([k, t]) => [k, build(t)])) };
}

export function project(p: Projection, item: Item): Item {
  const root = { map: new Map<string, Tree>() };
  for (const path of p.paths) {
    const value = getPath(item, path);
    if (value !== undefined) insert(root, path, value);
  }
  return (build(root) as { M: Item }).M;
}
