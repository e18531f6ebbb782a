// Tests the runner skips although their runOnRequirements are met, each with its reason: features
// the course server does not model (allowed by the brief) and known deviations of the Node driver
// that no server could make pass. Everything else is applicable.
import { compareVersions } from './requirements.ts';
import type { ServerInfo, TestCase } from './types.ts';

export interface SkipPolicy {
  /** Skip tests using collation (for servers without it; ours supports per-operation collations). */
  collation: boolean;
}

export const DEFAULT_POLICY: SkipPolicy = { collation: false };

/** Does any operation argument (at any depth, e.g. inside bulk write models) use `key`? */
function usesArgument(test: TestCase, key: string): boolean {
  const visit = (v: unknown): boolean => {
    if (Array.isArray(v)) return v.some(visit);
    if (v === null || typeof v !== 'object') return false;
    return Object.entries(v).some(([k, x]) => k === key || visit(x));
  };
  return test.operations.some((op) => visit(op.arguments));
}

/**
 * Tests the Node driver itself cannot pass against any server; the driver's own CRUD suite skips
 * them for the same tickets (test/integration/crud/crud.spec.test.ts in mongodb/node-mongodb-native).
 */
const NULL_ID = 'driver: Node replaces a null _id with an ObjectId (NODE-6468)';
const BYPASS_FALSE = 'driver: Node omits bypassDocumentValidation: false (NODE-6484)';
const PARTIAL_RESULT = 'driver: Node always sets partialResult on a client bulk write error (NODE-6384)';
const DRIVER_DEVIATIONS: Record<string, string> = {
  'inserting _id with type null via insertOne': NULL_ID,
  'inserting _id with type null via insertMany': NULL_ID,
  'inserting _id with type null via bulkWrite': NULL_ID,
  'inserting _id with type null via clientBulkWrite': NULL_ID,
  'partialResult is unset when all operations fail during an unordered bulk write': PARTIAL_RESULT,
  'partialResult is unset when first operation fails during an ordered bulk write (summary)': PARTIAL_RESULT,
  'partialResult is unset when first operation fails during an ordered bulk write (verbose)': PARTIAL_RESULT,
  'InsertMany passes bypassDocumentValidation: false': BYPASS_FALSE,
  'FindOneAndUpdate passes bypassDocumentValidation: false': BYPASS_FALSE,
  'FindOneAndReplace passes bypassDocumentValidation: false': BYPASS_FALSE,
  'BulkWrite passes bypassDocumentValidation: false': BYPASS_FALSE,
  'Aggregate with $out passes bypassDocumentValidation: false': BYPASS_FALSE,
};

export function policySkipReason(test: TestCase, server: ServerInfo, policy: SkipPolicy): string | null {
  const driver = DRIVER_DEVIATIONS[test.description];
  if (driver) return driver;
  if (policy.collation && usesArgument(test, 'collation')) return 'unsupported: collation';
  // From 8.2 the driver forwards rawData (an internal option exposing time-series buckets) to the
  // server. Below 8.2 the driver drops it and the tests only check that it is not sent, which stays
  // applicable.
  if (compareVersions(server.version, [8, 2, 0]) >= 0 && usesArgument(test, 'rawData')) return 'rawData option is internal';
  return null;
}
