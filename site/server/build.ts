// Builds the site when dist/ is missing or older than any of its sources (content, site code,
// lab manifests and starters, config). `astro build` runs in a child process so its memory
// is returned before the server starts. https://docs.astro.build/en/reference/cli-reference/#astro-build
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCES = ['content', 'site', 'labs/catalog', 'public', 'astro.config.mjs', 'package-lock.json'];
// Tests, server code and e2e do not change the built pages.
const IGNORED = /(?:^|\/)(?:node_modules|server|e2e)(?:\/|$)|\.test\.ts$/;

/** Newest mtime (ms) under the given paths, skipping IGNORED. */
export function newestMtime(root: string, paths: string[]): number {
  let newest = 0;
  const visit = (rel: string) => {
    if (IGNORED.test(rel)) return;
    const full = join(root, rel);
    if (!existsSync(full)) return;
    const s = statSync(full);
    if (s.isDirectory()) for (const name of readdirSync(full)) visit(join(rel, name));
    else newest = Math.max(newest, s.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

/** True when dist/index.html is missing or older than a source file. */
export function isStale(root = ROOT): boolean {
  const marker = join(root, 'dist', 'index.html');
  if (!existsSync(marker)) return true;
  return newestMtime(root, SOURCES) > statSync(marker).mtimeMs;
}

export async function ensureBuilt(root = ROOT, log = (m: string) => console.log(`[keyspace] ${m}`)): Promise<boolean> {
  if (!isStale(root)) return false;
  log('building the site (first start or sources changed)…');
  const astro = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [astro, 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`astro build failed (exit ${code})`))));
  });
  return true;
}
