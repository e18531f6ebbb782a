// Tests the runner skips although their runOnRequirements are met. Each entry names why: the
// brief allows skipping features the course server does not model. Everything else is applicable.
import { compareVersions } from './requirements.ts';
import type { ServerInfo, TestCase } from './types.ts';

export interface SkipPolicy {
  /** Collation (locale-aware comparison) is out of scope for the course server. */
  collation: boolean;
}

export const DEFAULT_POLICY: SkipPolicy = { collation: true };

/** Does any operation argument (at any depth, e.g. inside bulk write models) use `key`? */
function usesArgument(test: TestCase, key: string): boolean {
  const visit = (v: unknown): boolean => {
    if (Array.isArray(v)) return v.some(visit);
    if (v === null || typeof v !== 'object') return false;
    return Object.entries(v).some(([k, x]) => k === key || visit(x));
  };
  return test.operations.some((op) => visit(op.arguments));
}

export function policySkipReason(test: TestCase, server: ServerInfo, policy: SkipPolicy): string | null {
  if (policy.collation && usesArgument(test, 'collation')) return 'unsupported: collation';
  // From 8.2 the driver forwards rawData (an internal option exposing time-series buckets) to the
  // server. Below 8.2 the driver drops it and the tests only check that it is not sent, which stays
  // applicable.
  if (compareVersions(server.version, [8, 2, 0]) >= 0 && usesArgument(test, 'rawData')) return 'rawData option is internal';
  return null;
}
