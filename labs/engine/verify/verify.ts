// `keyspace verify`: prove a lab is gradeable. The reference solution must pass, the starter
// must fail (and compile), every wrong/*.ts must not pass; plus authoring lints.
import type { Results } from '../contracts/results.ts';
import type { KeyspaceEngine } from '../engine.ts';

export const LINTS = { minHints: 2, minChecks: 4, minWrong: 3 };

export interface VerifyItem {
  /** "solution", "starter", "wrong/<file>", or "lint". */
  subject: string;
  ok: boolean;
  /** A warning does not fail verification. */
  warning?: boolean;
  message: string;
  results?: Results;
}

export interface LabVerification {
  lab: string;
  ok: boolean;
  items: VerifyItem[];
  duration_ms: number;
}

function summary(r: Results): string {
  if (r.status === 'error') return `error: ${r.message}`;
  const passed = r.tests.filter((t) => t.status === 'pass').length;
  const firstBad = r.tests.find((t) => t.status !== 'pass');
  return `${r.status} (${passed}/${r.tests.length} checks pass)${firstBad ? ` — first failure: ${firstBad.name}: ${firstBad.message}` : ''}`;
}

function lints(engine: KeyspaceEngine, id: string): VerifyItem[] {
  const lab = engine.trustedLab(id);
  const sample = id.startsWith('sample-');
  const items: VerifyItem[] = [];
  const lint = (ok: boolean, message: string): void => {
    if (!ok) items.push({ subject: 'lint', ok: sample, warning: sample, message });
  };
  lint(lab.manifest.hints.length >= LINTS.minHints, `has ${lab.manifest.hints.length} hint(s); at least ${LINTS.minHints} expected`);
  lint(lab.checks.length >= LINTS.minChecks, `has ${lab.checks.length} check(s); at least ${LINTS.minChecks} expected`);
  lint(lab.wrong.length >= LINTS.minWrong, `has ${lab.wrong.length} wrong solution(s); at least ${LINTS.minWrong} expected`);
  return items;
}

/** Verify one lab; `onItem` reports progress as each subject is graded. */
export async function verifyLab(engine: KeyspaceEngine, id: string, onItem?: (item: VerifyItem) => void): Promise<LabVerification> {
  const started = performance.now();
  const lab = engine.trustedLab(id);
  const learner = `verify:${id}`;
  const items: VerifyItem[] = [];
  const add = (item: VerifyItem): void => {
    items.push(item);
    onItem?.(item);
  };
  const sol = await engine.submit(id, lab.solution, { learner });
  add({ subject: 'solution', ok: sol.status === 'pass', message: sol.status === 'pass' ? `passes (${sol.tests.length} checks)` : `must pass, but ${summary(sol)}`, results: sol });
  const starter = await engine.submit(id, lab.starter, { learner });
  add({ subject: 'starter', ok: starter.status === 'fail', message: starter.status === 'fail' ? 'fails, as it should' : `must compile and fail, but ${summary(starter)}`, results: starter });
  for (const w of lab.wrong) {
    const r = await engine.submit(id, w.code, { learner });
    const ok = r.status !== 'pass';
    add({ subject: `wrong/${w.name}`, ok, warning: r.status === 'error', message: ok ? summary(r) : 'must not pass, but passes every check', results: r });
  }
  for (const item of lints(engine, id)) add(item);
  return { lab: id, ok: items.every((i) => i.ok), items, duration_ms: Math.round(performance.now() - started) };
}
