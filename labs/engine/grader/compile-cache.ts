// Compiled learner modules, remembered per learner. A learner who presses "run" and then
// "submit" on the same code, or resubmits unchanged code, would otherwise pay esbuild again
// (≈ 20–50 ms on the shared 2-core machine: a round trip to esbuild's service process).
// The key covers everything compileLearner reads, plus the learner id: a hit never tells one
// learner that another submitted the same code (it would show as a faster compile).
// Compile errors are kept too: they are as deterministic as the output.
import { createHash } from 'node:crypto';
import { compileLearner, type CompileResult } from '../compile/compile.ts';

export type Compile = (learner: string, source: string, fileName: string, packages: readonly string[], bundles: Readonly<Record<string, string>>) => Promise<CompileResult>;

/** Total size of kept results; a compiled module with its inline source map is ≈ 2–3× the source (≤ 100 kB). */
const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

function sizeOf(r: CompileResult): number {
  return r.ok ? r.code.length * 2 : r.message.length * 2;
}

/** A least-recently-used cache in front of `compile` (compileLearner unless a test passes its own). */
export function compileCache(compile: typeof compileLearner = compileLearner, maxBytes = DEFAULT_MAX_BYTES): Compile {
  // A Map iterates in insertion order: re-inserting on a hit makes the first key the least recently used.
  const entries = new Map<string, { result: Promise<CompileResult>; bytes: number }>();
  let total = 0;
  const evict = (): void => {
    for (const [key, e] of entries) {
      if (total <= maxBytes) break;
      entries.delete(key);
      total -= e.bytes;
    }
  };
  return (learner, source, fileName, packages, bundles) => {
    const key = createHash('sha256').update(JSON.stringify([learner, fileName, packages, bundles, source])).digest('hex');
    const hit = entries.get(key);
    if (hit) {
      entries.delete(key);
      entries.set(key, hit);
      return hit.result;
    }
    const entry = { result: compile(source, fileName, packages, bundles), bytes: 0 };
    entries.set(key, entry);
    // Concurrent identical requests share one compile; a compile that throws (esbuild died) is not kept.
    entry.result.then(
      (r) => {
        if (entries.get(key) !== entry) return;
        entry.bytes = sizeOf(r);
        total += entry.bytes;
        evict();
      },
      () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    );
    return entry.result;
  };
}
