// The context one check receives: the learner proxy (RPC over IPC), the namespace's admin
// clients, and the output the learner printed since this check started.
import { CheckFailure, type CheckContext } from '../contracts/checks.ts';
import type { Namespaces } from '../backends/provider.ts';
import type { LearnerProcess } from '../sandbox/process.ts';

export function checkContext(proc: LearnerProcess, ns: Namespaces): CheckContext<Record<string, unknown>> {
  const mark = proc.output().length;
  const learner = new Proxy(
    {},
    {
      get(_target, name) {
        // `then` must be absent, or `await ctx.learner` would call into the learner's process.
        if (typeof name !== 'string' || name === 'then') return undefined;
        return (...args: unknown[]) => proc.call(name, args);
      },
    },
  );
  // DynamoDB: only the requests made since this check started.
  const dynamo = ns.clients.dynamodb;
  const opsMark = dynamo?.operations().length ?? 0;
  return {
    ...ns.clients,
    ...(dynamo ? { dynamodb: { ...dynamo, operations: () => dynamo.operations().slice(opsMark) } } : {}),
    env: ns.env,
    learner: learner as CheckContext<Record<string, unknown>>['learner'],
    output: () => proc.output().slice(mark),
    fail(message: string): never {
      throw new CheckFailure(message);
    },
    assert(condition: unknown, message: string): asserts condition {
      if (!condition) throw new CheckFailure(message);
    },
  };
}
