import { describe, expect, it } from 'vitest';
import { chunkId, collectTypings, NODE_ESSENTIALS, owningPackage } from './collect-typings.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('owningPackage / chunkId', () => {
  it('finds the package dir, scoped and nested', () => {
    expect(owningPackage('node_modules/pg-types/index.d.ts')).toBe('node_modules/pg-types');
    expect(owningPackage('node_modules/@types/pg/lib/x.d.ts')).toBe('node_modules/@types/pg');
    expect(owningPackage('node_modules/a/node_modules/@s/b/c.d.ts')).toBe('node_modules/a/node_modules/@s/b');
    expect(chunkId('node_modules/@types/pg')).toBe('@types__pg');
    expect(chunkId('node_modules/a/node_modules/@s/b')).toBe('a~@s__b');
  });
});

describe('collectTypings', () => {
  const set = collectTypings(ROOT, { pg: ['pg'], node: NODE_ESSENTIALS });
  const files = (root: string) => [...set.roots.get(root)!].flatMap((id) => [...set.chunks.get(id)!.keys()]);

  it('follows pg to @types/pg and its imports, shipping the package.json files resolution reads', () => {
    const pg = files('pg');
    expect(pg).toContain('file:///node_modules/@types/pg/package.json');
    expect(pg.some((f) => f.startsWith('file:///node_modules/@types/pg/') && f.endsWith('.d.ts'))).toBe(true);
    expect(pg.some((f) => f.startsWith('file:///node_modules/pg-types/'))).toBe(true);
  });

  it('never ships browser polyfills that shadow Node builtins', () => {
    for (const id of set.chunks.keys()) expect(['buffer', 'events', 'process', 'string_decoder', 'punycode']).not.toContain(id);
  });

  it('ships curated Node typings behind a synthetic index', () => {
    const node = set.chunks.get('@types__node')!;
    const index = node.get('file:///node_modules/@types/node/index.d.ts')!;
    expect(index).toContain('/// <reference path="process.d.ts" />');
    expect(index).not.toContain('child_process');
    expect(node.has('file:///node_modules/@types/node/child_process.d.ts')).toBe(false);
    expect(node.has('file:///node_modules/@types/node/globals.d.ts')).toBe(true);
  });

  it('trims package.json to the fields module resolution reads', () => {
    const pkg = JSON.parse(set.chunks.get('@types__pg')!.get('file:///node_modules/@types/pg/package.json')!);
    expect(pkg.name).toBe('@types/pg');
    expect(pkg).not.toHaveProperty('dependencies');
  });
});
