// One learner session: compile, prepare the namespaces (reset + fixture), start a sandboxed
// process, load the learner module. Shared by `run` and `submit`. The caller must `close()`.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Lab } from '../catalog/load.ts';
import type { Compile } from './compile-cache.ts';
import { ALLOWED_BUILTINS, packagesFor } from '../compile/allowed.ts';
import type { Namespaces, Provider } from '../backends/provider.ts';
import { isFromLearner, type LearnerProcess } from '../sandbox/process.ts';
import type { SandboxPool } from '../sandbox/pool.ts';
import { SandboxDied, msg } from '../errors.ts';
import { RESOLVE_FROM } from '../paths.ts';
import { locate } from './location.ts';
import type { LearnerId } from '../api.ts';

/** Where sandboxes come from: the warm pool, and the module URLs of each driver to preload. */
export interface SandboxHost {
  pool: SandboxPool;
  /** Absolute module URLs of `packages` (import.meta.resolve from the repo, or their bundles). */
  preloadFor(packages: readonly string[]): string[];
  /** Package name → pre-bundled file URL (sandbox/drivers.ts); empty when bundling is off. */
  bundles: Readonly<Record<string, string>>;
  /** compileLearner behind a per-learner cache (./compile-cache.ts). */
  compile: Compile;
}

export interface OpenSession {
  ok: true;
  proc: LearnerProcess;
  namespaces: Namespaces;
  runDir: string;
  exports: string[];
  close(): Promise<void>;
}

/** Why a session could not open: compile error, throw/exit/time limit while loading. */
export interface FailedSession {
  ok: false;
  message: string;
  location: { line: number; column: number } | null;
  output: string;
}

export interface SessionRequest {
  lab: Lab;
  code: string;
  learner: LearnerId;
  signal?: AbortSignal;
  onOutput?: (chunk: string) => void;
}

/** KEYSPACE_TRACE=1 prints how long each phase of a session took, to stderr. */
function tracer(): (phase: string) => void {
  if (!process.env.KEYSPACE_TRACE) return () => undefined;
  let last = performance.now();
  return (phase) => {
    const now = performance.now();
    process.stderr.write(`[keyspace] ${phase} ${(now - last).toFixed(1)} ms\n`);
    last = now;
  };
}

export async function openSession(host: SandboxHost, provider: Provider, req: SessionRequest): Promise<OpenSession | FailedSession> {
  const { manifest } = req.lab;
  const packages = packagesFor(manifest.backends);
  const trace = tracer();
  const compiled = await host.compile(req.learner, req.code, manifest.learnerFile, packages, host.bundles);
  trace('compile');
  if (!compiled.ok) return { ok: false, message: compiled.message, location: compiled.location, output: '' };

  let namespaces: Namespaces;
  try {
    namespaces = await provider.acquire(manifest.backends, req.learner);
    trace('acquire');
    await namespaces.reset();
    trace('reset');
  } catch (e) {
    return { ok: false, message: msg.backendFailed(e), location: null, output: '' };
  }
  if (req.lab.fixture) await req.lab.fixture({ ...namespaces.clients, env: namespaces.env });
  trace('fixture');

  const box = host.pool.take(host.preloadFor(packages));
  const { proc, runDir } = box;
  const close = (): Promise<void> => box.dispose();
  const file = path.join(runDir, manifest.learnerFile.replace(/\.ts$/, '.mjs'));
  await writeFile(file, compiled.code);
  if (req.onOutput) proc.onOutput(req.onOutput);
  const abort = (): void => void proc.kill();
  req.signal?.addEventListener('abort', abort, { once: true });
  if (req.signal?.aborted) abort();

  try {
    const exports = await proc.init({
      t: 'init',
      file,
      env: namespaces.env as Record<string, string>,
      packages,
      bundles: packages.flatMap((p) => (host.bundles[p] ? [host.bundles[p]] : [])),
      builtins: [...ALLOWED_BUILTINS],
      resolveFrom: RESOLVE_FROM,
    }, manifest.timeLimitMs);
    trace('load');
    return { ok: true, proc, namespaces, runDir, exports, close };
  } catch (e) {
    const output = proc.output();
    await close();
    if (isFromLearner(e)) {
      const where = locate(e, runDir, manifest.learnerFile);
      return { ok: false, message: msg.importThrew(where.stack), location: where.location, output };
    }
    if (e instanceof SandboxDied) return { ok: false, message: e.message, location: null, output };
    throw e;
  }
}
