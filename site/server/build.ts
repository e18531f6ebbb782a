// Builds the site when dist/ is missing or older than any of its sources (content, site code,
// lab manifests and starters, config). `astro build` runs in a child process so its memory
// is returned before the server starts. https://docs.astro.build/en/reference/cli-reference/#astro-build
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
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

/**
 * Files a complete build leaves: the start page, and the typings index the editor needs (the
 * typings integration writes it last, so a build killed before the end is seen as stale).
 */
const MARKERS = ['dist/index.html', 'dist/_keyspace/typings/index.json'];

/** True when a marker is missing or older than a source file. */
export function isStale(root = ROOT): boolean {
  const built = MARKERS.map((m) => statSync(join(root, m), { throwIfNoEntry: false })?.mtimeMs);
  if (built.some((t) => t === undefined)) return true;
  return newestMtime(root, SOURCES) > Math.min(...(built as number[]));
}

const LOCK_STALE_MS = 10 * 60_000;

/**
 * Two builds writing one dist/ corrupt each other (Astro deletes and rewrites dist/.prerender),
 * e.g. `npm start` and the e2e runner started together: builds take a lock directory
 * (mkdir is atomic); a lock older than LOCK_STALE_MS is from a crashed build and is broken.
 */
async function withBuildLock<T>(root: string, work: () => Promise<T>): Promise<T> {
  const lock = join(root, '.keyspace', 'build.lock');
  mkdirSync(join(root, '.keyspace'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const since = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (since > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      else await sleep(500);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export async function ensureBuilt(root = ROOT, log = (m: string) => console.log(`[keyspace] ${m}`)): Promise<boolean> {
  if (!isStale(root)) return false;
  return withBuildLock(root, async () => {
    // Someone else may have built while we waited for the lock.
    if (!isStale(root)) return false;
    await build(root, log);
    return true;
  });
}

async function build(root: string, log: (m: string) => void): Promise<void> {
  log('building the site (first start or sources changed)…');
  const astro = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [astro, 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`astro build failed (exit ${code})`))));
  });
}
