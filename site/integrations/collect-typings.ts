// Gathers the type definitions a lab's editor needs, at build time, from node_modules.
// We follow the import graph with TypeScript's own module resolution, under the same compiler
// options the browser editor uses (site/scripts/lab/editor-options.ts), so Monaco's
// TypeScript worker resolves exactly the files we ship. Every package.json the resolver read is
// shipped too: the worker reads `types`, `exports` and `typesVersions` from them.
// https://www.typescriptlang.org/docs/handbook/modules/reference.html#bundler
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';
import { EDITOR_COMPILER_OPTIONS as EDITOR } from '../scripts/lab/editor-options.ts';

/** Module resolution exactly as the editor's TypeScript worker does it (same TS version, 5.9). */
const EDITOR_COMPILER_OPTIONS: ts.CompilerOptions = {
  target: EDITOR.target,
  module: EDITOR.module,
  moduleResolution: EDITOR.moduleResolution,
  types: [],
};

/** Files grouped by the npm package that owns them; keys are `file:///node_modules/…` URIs. */
export interface TypingsSet {
  /** Chunk id (package dir relative to the root, '/' → '__') → files of that package. */
  chunks: Map<string, Map<string, string>>;
  /** Root name → chunk ids its closure needs. */
  roots: Map<string, Set<string>>;
}

/**
 * The parts of @types/node a lab can use (labs may not import fs, child_process, worker_threads…:
 * see labs/README.md), plus the modules the drivers' own typings import. The editor gets a
 * synthetic @types/node/index.d.ts referencing only these, instead of all 2.6 MB.
 */
export const NODE_ESSENTIALS = [
  'compatibility/iterators', 'globals.typedarray', 'buffer.buffer', 'globals',
  'web-globals/abortcontroller', 'web-globals/crypto', 'web-globals/domexception', 'web-globals/events',
  'web-globals/fetch', 'web-globals/navigator', 'web-globals/storage', 'web-globals/streams',
  'assert', 'assert/strict', 'async_hooks', 'buffer', 'console', 'crypto', 'dns', 'dns/promises', 'events',
  'http', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'punycode', 'querystring', 'stream',
  'stream/promises', 'stream/consumers', 'stream/web', 'string_decoder', 'timers', 'timers/promises', 'tls',
  'url', 'util',
];
const NODE_TYPES_DIR = 'node_modules/@types/node';

const PACKAGE_JSON_FIELDS = ['name', 'version', 'type', 'types', 'typings', 'typesVersions', 'exports', 'main'];

/** Package dir (relative, posix) owning a file under node_modules, e.g. `node_modules/@types/pg`. */
export function owningPackage(relPath: string): string {
  const parts = relPath.split('/');
  const last = parts.lastIndexOf('node_modules');
  if (last < 0) throw new Error(`not under node_modules: ${relPath}`);
  const scoped = parts[last + 1]?.startsWith('@');
  return parts.slice(0, last + (scoped ? 3 : 2)).join('/');
}

export function chunkId(packageDir: string): string {
  return packageDir.replace(/^node_modules\//, '').replaceAll('/node_modules/', '~').replaceAll('/', '__');
}

/**
 * Collect, for each named root, the closure of declaration files reachable from its bare
 * specifiers. @types/node is never followed from a package: the `node` root ships the curated
 * NODE_ESSENTIALS behind a synthetic index.d.ts, and packages that reference it just depend on it.
 */
export function collectTypings(root: string, entries: Record<string, string[]>): TypingsSet {
  const chunks = new Map<string, Map<string, string>>();
  const roots = new Map<string, Set<string>>();
  const containing = join(root, '__keyspace_lab__.ts');
  const nodeDir = join(root, NODE_TYPES_DIR);
  const toRel = (abs: string) => relative(root, abs).split(sep).join('/');

  const put = (rel: string, text: string) => {
    const id = chunkId(owningPackage(rel));
    let files = chunks.get(id);
    if (!files) chunks.set(id, (files = new Map()));
    files.set('file:///' + rel, text);
    return id;
  };

  const walk = (starts: (string | undefined)[], host: ts.ModuleResolutionHost, needed: Set<string>, stopAtNode: boolean) => {
    // The real @types/node/index.d.ts references everything; the synthetic one replaces it.
    const seen = new Set<string>([join(nodeDir, 'index.d.ts')]);
    const queue: string[] = [];
    const enqueue = (file: string | undefined) => {
      if (!file || !/\.d\.[cm]?ts$/.test(file)) return;
      if (stopAtNode && file.startsWith(nodeDir + sep)) return void needed.add(chunkId(NODE_TYPES_DIR));
      if (seen.has(file)) return;
      seen.add(file);
      queue.push(file);
    };
    starts.forEach(enqueue);
    while (queue.length > 0) {
      const file = queue.pop()!;
      const text = readFileSync(file, 'utf8');
      needed.add(put(toRel(file), text));
      const info = ts.preProcessFile(text, true, true);
      for (const ref of info.referencedFiles) enqueue(join(dirname(file), ref.fileName));
      for (const ref of info.typeReferenceDirectives) {
        enqueue(ts.resolveTypeReferenceDirective(ref.fileName, file, EDITOR_COMPILER_OPTIONS, host).resolvedTypeReferenceDirective?.resolvedFileName);
      }
      for (const imp of info.importedFiles) {
        // Builtins ('buffer', 'node:events') are ambient modules declared by @types/node; resolving
        // them would pick up same-named browser polyfills from node_modules instead.
        if (isBuiltin(imp.fileName)) continue;
        enqueue(ts.resolveModuleName(imp.fileName, file, EDITOR_COMPILER_OPTIONS, host).resolvedModule?.resolvedFileName);
      }
    }
  };

  // A host that records the package.json files the resolver read, to ship those it relied on.
  const recordingHost = (read: Map<string, string>): ts.ModuleResolutionHost => ({
    ...ts.sys,
    readFile(path) {
      const text = ts.sys.readFile(path);
      if (text !== undefined && path.endsWith('/package.json')) read.set(path, text);
      return text;
    },
  });

  for (const [name, specifiers] of Object.entries(entries)) {
    const needed = new Set<string>();
    const read = new Map<string, string>();
    const host = recordingHost(read);
    if (name === 'node') {
      const index = specifiers.map((f) => `/// <reference path="${f}.d.ts" />`).join('\n') + '\n';
      needed.add(put(`${NODE_TYPES_DIR}/index.d.ts`, index));
      walk(specifiers.map((f) => join(nodeDir, `${f}.d.ts`)), host, needed, false);
    } else {
      const starts = specifiers.map((spec) => {
        const r = ts.resolveModuleName(spec, containing, EDITOR_COMPILER_OPTIONS, host);
        if (!r.resolvedModule) throw new Error(`typings: cannot resolve "${spec}" from ${root}`);
        return r.resolvedModule.resolvedFileName;
      });
      walk(starts, host, needed, true);
    }
    // Ship a package.json only for packages whose declarations we ship (others only add noise).
    for (const [path, text] of read) {
      const rel = toRel(path);
      if (!rel.startsWith('node_modules/')) continue;
      const id = chunkId(owningPackage(rel));
      if (needed.has(id)) put(rel, trimPackageJson(text));
    }
    roots.set(name, needed);
  }
  return { chunks, roots };
}

/** Keep only the fields module resolution reads: smaller assets, nothing else leaks. */
function trimPackageJson(text: string): string {
  const pkg = JSON.parse(text) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of PACKAGE_JSON_FIELDS) if (k in pkg) out[k] = pkg[k];
  return JSON.stringify(out);
}
