// Run the learner's exported main() against a freshly reset namespace + fixture, streaming
// its console output. Nothing is graded.
import { inspect } from 'node:util';
import type { RunOutcome } from '../api.ts';
import type { Provider } from '../backends/provider.ts';
import { isFromLearner } from '../sandbox/process.ts';
import { SandboxDied, msg } from '../errors.ts';
import { locate } from './location.ts';
import { openSession, type SandboxHost, type SessionRequest } from './session.ts';

export async function runMain(host: SandboxHost, provider: Provider, req: SessionRequest): Promise<RunOutcome> {
  const started = performance.now();
  const done = (o: Omit<RunOutcome, 'duration_ms'>): RunOutcome => ({ ...o, duration_ms: Math.round(performance.now() - started) });
  const session = await openSession(host, provider, req);
  if (!session.ok) return done({ status: 'error', message: session.message, location: session.location, returned: null, output: session.output });
  try {
    if (!session.exports.includes('main')) return done({ status: 'error', message: msg.noMain(), location: null, returned: null, output: session.proc.output() });
    const value = await session.proc.call('main', []);
    return done({ status: 'ok', message: null, location: null, returned: value === undefined ? null : inspect(value, { depth: 6 }), output: session.proc.output() });
  } catch (e) {
    if (isFromLearner(e)) {
      const where = locate(e, session.runDir, req.lab.manifest.learnerFile);
      return done({ status: 'error', message: where.stack, location: where.location, returned: null, output: session.proc.output() });
    }
    if (e instanceof SandboxDied) return done({ status: 'error', message: e.message, location: null, returned: null, output: session.proc.output() });
    throw e;
  } finally {
    await session.close();
  }
}
