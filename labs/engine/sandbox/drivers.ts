// Pre-bundled drivers. Importing a driver from node_modules means hundreds of module files, each
// resolved, read and checked by the permission model (node-redis 5: ~400 ms of CPU per learner
// process). esbuild bundles every allowed package once per engine into one ESM entry file each,
// with code splitting so packages that share dependencies (the AWS SDK clients) share one copy
// and instances cross between them (https://esbuild.github.io/api/#splitting). The result is
// cached under <stateDir>/cache/drivers-<hash>, keyed by the packages' versions and esbuild's.
// `bson` stays external, imported from the repo's node_modules by absolute URL, so the harness's
// codec and the mongodb driver share it and ObjectIds cross as real instances.
import { build, version as esbuildVersion, type Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGES_BY_BACKEND } from '../contracts/manifest.ts';
import { NODE_MODULES, RESOLVE_FROM } from '../paths.ts';

/** Bump when the bundling below changes, so old caches are not reused. */
const FORMAT = 6;

/** Where each bundled package's entry file is, and the directory to allow reading. */
export interface DriverBundles {
  dir: string;
  /** Package name → file URL of its bundled entry. */
  urls: Record<string, string>;
}

const ALL_PACKAGES = [...new Set(Object.values(PACKAGES_BY_BACKEND).flat())];

function versionOf(pkg: string): string | null {
  try {
    return (JSON.parse(readFileSync(path.join(NODE_MODULES, pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

const entryName = (pkg: string): string => pkg.replace(/^@/, '').replace(/\//g, '__');

// CommonJS drivers call require() for builtins and optional peers; in an ESM bundle that needs a
// real require (https://esbuild.github.io/api/#main-fields, "require is not defined" FAQ).
const BANNER = "import { createRequire as __keyspaceCreateRequire } from 'node:module'; const require = __keyspaceCreateRequire(import.meta.url);";

/** Optional peers a driver only tries to require (kerberos, snappy, pg-native…) stay external and fail at run time as they would unbundled. */
const externals: Plugin = {
  name: 'keyspace-driver-externals',
  setup(b) {
    // The same bson file the unbundled driver would load: its CommonJS build for require().
    b.onResolve({ filter: /^bson$/ }, (args) => ({
      path: args.kind === 'require-call' ? createRequire(RESOLVE_FROM).resolve('bson') : import.meta.resolve('bson', RESOLVE_FROM),
      external: true,
    }));
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || args.namespace !== 'file' || !args.importer) return undefined;
      try {
        createRequire(args.importer).resolve(args.path);
        return undefined;
      } catch {
        return { path: args.path, external: true };
      }
    });
  },
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

async function entrySource(pkg: string): Promise<string> {
  const keys = Object.keys((await import(import.meta.resolve(pkg, RESOLVE_FROM))) as object);
  const names = keys.filter((n) => n !== 'default' && IDENTIFIER.test(n));
  const from = JSON.stringify(pkg);
  // Node marks a CommonJS package's namespace with a 'module.exports' key; its default export is module.exports.
  const head = keys.includes('module.exports') ? [`const m = require(${from});`, 'export default m;'] : [`import * as m from ${from};`, 'export default m.default;'];
  return [...head, ...names.map((n) => `export const ${n} = m.${n};`)].join('\n');
}

async function bundleInto(dir: string, packages: string[]): Promise<void> {
  const entryPoints = packages.map((pkg) => ({ in: `keyspace-entry:${pkg}`, out: entryName(pkg) }));
  await build({
    entryPoints,
    outdir: dir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    outExtension: { '.js': '.mjs' },
    banner: { js: BANNER },
    logLevel: 'silent',
    plugins: [
      {
        name: 'keyspace-entries',
        setup(b) {
          b.onResolve({ filter: /^keyspace-entry:/ }, (args) => ({ path: args.path.slice('keyspace-entry:'.length), namespace: 'keyspace-entry' }));
          // Re-export the package with the names Node's own import gives learner code: esbuild cannot
          // see a CommonJS module's exports, so `export *` alone would export nothing.
          b.onLoad({ filter: /.*/, namespace: 'keyspace-entry' }, async (args) => ({
            contents: await entrySource(args.path),
            resolveDir: path.dirname(NODE_MODULES),
            loader: 'js',
          }));
        },
      },
      externals,
    ],
  });
}

/** Bundle (or reuse the cached bundles of) every installed driver; null when bundling fails, so drivers load from node_modules. */
export async function driverBundles(cacheRoot: string): Promise<DriverBundles | null> {
  const packages = ALL_PACKAGES.filter((p) => versionOf(p) !== null).sort();
  const key = createHash('sha256')
    .update(JSON.stringify([FORMAT, esbuildVersion, process.version, packages.map((p) => [p, versionOf(p)])]))
    .digest('hex')
    .slice(0, 16);
  const dir = path.join(cacheRoot, `drivers-${key}`);
  const urls = Object.fromEntries(packages.map((p) => [p, pathToFileURL(path.join(dir, `${entryName(p)}.mjs`)).href]));
  if (existsSync(path.join(dir, 'complete'))) return { dir, urls };
  try {
    mkdirSync(cacheRoot, { recursive: true });
    // Built aside and renamed into place: several engines (test workers) may build at once.
    const tmp = mkdtempSync(path.join(cacheRoot, '.building-'));
    try {
      await bundleInto(tmp, packages);
      writeFileSync(path.join(tmp, 'complete'), '');
      renameSync(tmp, dir);
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(path.join(dir, 'complete'))) throw e;
    }
    return { dir, urls };
  } catch (e) {
    if (process.env.KEYSPACE_TRACE) process.stderr.write(`[keyspace] driver bundling failed, using node_modules: ${e instanceof Error ? e.message : String(e)}\n`);
    return null;
  }
}
