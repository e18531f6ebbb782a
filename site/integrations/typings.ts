// Astro integration: ships the drivers' type definitions as static JSON for the lab editor.
//   /_keyspace/typings/index.json            { roots: { <package>: [chunk file, …] } }
//   /_keyspace/typings/<chunk>.<hash>.json   { files: { "file:///node_modules/…": text } }
// Chunks are per npm package and content-hashed, so labs that share @smithy/types fetch it once
// and the server may cache them forever. https://docs.astro.build/en/reference/integrations-reference/
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { PACKAGES_BY_BACKEND } from '../../labs/engine/contracts/manifest.ts';
import { collectTypings, NODE_ESSENTIALS } from './collect-typings.ts';

export const TYPINGS_BASE = '/_keyspace/typings/';

export interface TypingsAssets {
  /** File name (relative to TYPINGS_BASE) → JSON text. */
  files: Map<string, string>;
}

function entriesToCollect(): Record<string, string[]> {
  const packages = [...new Set(Object.values(PACKAGES_BY_BACKEND).flat())];
  const entries: Record<string, string[]> = { node: NODE_ESSENTIALS };
  for (const p of packages) entries[p] = [p];
  return entries;
}

/**
 * The assets, from a disk cache under .keyspace/cache/ when node_modules (package-lock.json),
 * the entry list and the collector are unchanged: collecting takes seconds, every build.
 */
export function cachedTypingsAssets(root: string): TypingsAssets {
  const key = createHash('sha256')
    .update(readFileSync(join(root, 'package-lock.json')))
    .update(JSON.stringify(entriesToCollect()))
    .update(readFileSync(new URL('./collect-typings.ts', import.meta.url)))
    .digest('hex')
    .slice(0, 16);
  const dir = join(root, '.keyspace', 'cache', `typings-${key}`);
  if (existsSync(join(dir, 'index.json'))) {
    return { files: new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')])) };
  }
  const assets = buildTypingsAssets(root);
  // Write to a temp dir and rename, so a killed build never leaves a half cache behind.
  const tmp = `${dir}.tmp-${process.pid}`;
  mkdirSync(tmp, { recursive: true });
  for (const [name, text] of assets.files) writeFileSync(join(tmp, name), text);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return assets;
}

/** Build every asset in memory: the index plus one file per chunk. */
export function buildTypingsAssets(root: string): TypingsAssets {
  const entries = entriesToCollect();
  const set = collectTypings(root, entries);
  const files = new Map<string, string>();
  const names = new Map<string, string>();
  for (const [id, chunk] of set.chunks) {
    const json = JSON.stringify({ files: Object.fromEntries([...chunk].sort(([a], [b]) => a.localeCompare(b))) });
    const hash = createHash('sha256').update(json).digest('hex').slice(0, 12);
    const name = `${id}.${hash}.json`;
    names.set(id, name);
    files.set(name, json);
  }
  const roots = Object.fromEntries([...set.roots].map(([r, ids]) => [r, [...ids].sort().map((id) => names.get(id)!)]));
  files.set('index.json', JSON.stringify({ roots }));
  return { files };
}

export default function typings(): AstroIntegration {
  let root = '';
  let cache: TypingsAssets | undefined;
  const assets = () => (cache ??= cachedTypingsAssets(root));
  return {
    name: 'keyspace-typings',
    hooks: {
      'astro:config:setup': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          if (!req.url?.startsWith(TYPINGS_BASE)) return next();
          const text = assets().files.get(req.url.slice(TYPINGS_BASE.length).split('?')[0]!);
          if (text === undefined) return next();
          res.setHeader('content-type', 'application/json; charset=utf-8');
          res.end(text);
        });
      },
      'astro:build:done': ({ dir, logger }) => {
        const out = join(fileURLToPath(dir), TYPINGS_BASE);
        mkdirSync(out, { recursive: true });
        let bytes = 0;
        // index.json last: its presence marks a complete build (site/server/build.ts).
        const files = [...assets().files].sort(([a], [b]) => Number(a === 'index.json') - Number(b === 'index.json'));
        for (const [name, text] of files) {
          writeFileSync(join(out, name), text);
          bytes += text.length;
        }
        logger.info(`typings: ${assets().files.size} files, ${(bytes / 1e6).toFixed(1)} MB`);
      },
    },
  };
}
