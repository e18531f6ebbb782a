// Registry of supported operations by name.
import { adminOperations } from './admin.ts';
import { bulkOperations } from './bulk.ts';
import type { OperationFn } from './context.ts';
import { readOperations } from './read.ts';
import { testRunnerOperations } from './testRunner.ts';
import { writeOperations } from './write.ts';

export const entityOperations: Record<string, OperationFn> = {
  ...readOperations,
  ...writeOperations,
  ...bulkOperations,
  ...adminOperations,
};

export { testRunnerOperations };
export { ITERABLE_RESULTS } from './read.ts';
export type { FailPointRecord, OperationContext } from './context.ts';
