// Grade a submission: run every hidden check, in task order, in this (trusted) process.
// The verdict is computed here from the checks' outcomes; the learner's process only answers
// calls. If it dies (time, memory, exit, crash) the check in flight and all later ones error.
import { CheckFailure } from '../contracts/checks.ts';
import { capOutput, parseResults, type Results, type TestResult } from '../contracts/results.ts';
import type { Lab } from '../catalog/load.ts';
import type { Provider } from '../backends/provider.ts';
import { isFromLearner } from '../sandbox/process.ts';
import { SandboxDied, msg } from '../errors.ts';
import { checkContext } from './context.ts';
import { locate } from './location.ts';
import { openSession, type SandboxHost, type SessionRequest } from './session.ts';

function failureMessage(e: unknown, runDir: string, learnerFile: string): string {
  if (e instanceof CheckFailure) return e.message;
  if (isFromLearner(e)) {
    const { stack, location } = locate(e, runDir, learnerFile);
    const first = stack.split('\n')[0];
    return `your code threw ${first}${location ? ` (${learnerFile}:${location.line}:${location.column})` : ''}`;
  }
  if (e instanceof Error && e.name === 'AssertionError') return e.message;
  return msg.unknownCheckError(e);
}

/** Reject when the process dies, so a check waiting on something else still stops. */
function deathOf(proc: { onDeath(l: (d: SandboxDied) => void): void }): Promise<never> {
  return new Promise((_, reject) => proc.onDeath(reject));
}

export async function grade(host: SandboxHost, provider: Provider, req: SessionRequest & { lab: Lab }): Promise<Results> {
  const started = performance.now();
  const { lab } = req;
  const order = lab.manifest.tasks.map((t) => t.id);
  const finish = (r: Omit<Results, 'version' | 'lab' | 'duration_ms'>): Results =>
    parseResults({ version: 3, lab: lab.manifest.id, duration_ms: Math.round(performance.now() - started), ...r });

  const session = await openSession(host, provider, req);
  if (!session.ok) return finish({ status: 'error', message: session.message, location: session.location, tests: [] });

  const tests: TestResult[] = [];
  let died: SandboxDied | null = null;
  try {
    const death = deathOf(session.proc);
    death.catch(() => undefined);
    for (const check of lab.checks) {
      const base = { name: check.name, task: check.task, task_id: order.indexOf(check.task) + 1 };
      if (died) {
        tests.push({ ...base, status: 'error', message: msg.remainingAfterCrash(died.message), output: null, duration_ms: 0 });
        continue;
      }
      const t0 = performance.now();
      const ctx = checkContext(session.proc, session.namespaces);
      let status: TestResult['status'] = 'pass';
      let message: string | null = null;
      try {
        await Promise.race([check.run(ctx as never), death]);
      } catch (e) {
        if (e instanceof SandboxDied || session.proc.died) {
          died = session.proc.died ?? (e as SandboxDied);
          status = 'error';
          message = died.message;
        } else {
          status = 'fail';
          message = failureMessage(e, session.runDir, lab.manifest.learnerFile);
        }
      }
      tests.push({ ...base, status, message, output: capOutput(ctx.output()), duration_ms: Math.round(performance.now() - t0) });
    }
  } finally {
    // close() sends SIGKILL to the process group at once; waiting for the exit and removing the
    // run dir need not delay the verdict.
    session.close().catch(() => undefined);
  }
  if (died) return finish({ status: 'error', message: died.message, location: null, tests });
  const status = tests.every((t) => t.status === 'pass') ? 'pass' : 'fail';
  return finish({ status, message: null, location: null, tests });
}
