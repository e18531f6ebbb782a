// The DynamoDB_20120810 operations: each is a validation (validation/<Op>.ts) followed by an
// action (actions/<Op>.ts). `register` wraps them with latency injection and the operation log.

import type { DynamoError } from './errors.ts';
import { batchGetItem } from './actions/BatchGetItem.ts';
import { batchExecuteStatement } from './actions/BatchExecuteStatement.ts';
import { batchWriteItem } from './actions/BatchWriteItem.ts';
import type { OpContext, OpLogEntry, ServerState } from './actions/context.ts';
import { createTable } from './actions/CreateTable.ts';
import { deleteItem } from './actions/DeleteItem.ts';
import { deleteTable } from './actions/DeleteTable.ts';
import { describeTable } from './actions/DescribeTable.ts';
import { executeStatement } from './actions/ExecuteStatement.ts';
import { executeTransaction } from './actions/ExecuteTransaction.ts';
import { getItem } from './actions/GetItem.ts';
import { listTables } from './actions/ListTables.ts';
import { putItem } from './actions/PutItem.ts';
import { query } from './actions/Query.ts';
import { scan } from './actions/Scan.ts';
import { listTagsOfResource } from './actions/ListTagsOfResource.ts';
import { tagResource } from './actions/TagResource.ts';
import { untagResource } from './actions/UntagResource.ts';
import { transactGetItems } from './actions/TransactGetItems.ts';
import { transactWriteItems } from './actions/TransactWriteItems.ts';
import { describeTimeToLive } from './actions/DescribeTimeToLive.ts';
import { updateTimeToLive } from './actions/UpdateTimeToLive.ts';
import { updateItem } from './actions/UpdateItem.ts';
import { updateTable } from './actions/UpdateTable.ts';
import { DYNAMODB_PREFIX, type Registry, type RequestContext } from './http/registry.ts';
import type { Operation } from './types.ts';
import { validateBatchGet } from './validation/BatchGetItem.ts';
import { validateBatchExecuteStatement } from './validation/BatchExecuteStatement.ts';
import { validateBatchWrite } from './validation/BatchWriteItem.ts';
import { validate as validateCreateTable } from './validation/CreateTable.ts';
import { validate as validateDeleteItem } from './validation/DeleteItem.ts';
import { validateExecuteStatement } from './validation/ExecuteStatement.ts';
import { validateExecuteTransaction } from './validation/ExecuteTransaction.ts';
import { validate as validateGetItem } from './validation/GetItem.ts';
import { validateListTables } from './validation/ListTables.ts';
import { validateListTags } from './validation/ListTagsOfResource.ts';
import { validateNothing, validateTableName } from './validation/misc.ts';
import { validate as validatePutItem } from './validation/PutItem.ts';
import { validateQuery } from './validation/Query.ts';
import { validateScan } from './validation/Scan.ts';
import { validateTagResource } from './validation/TagResource.ts';
import { validateTransactGet } from './validation/TransactGetItems.ts';
import { validateTransactWrite } from './validation/TransactWriteItems.ts';
import { validateUntagResource } from './validation/UntagResource.ts';
import { validate as validateUpdateItem } from './validation/UpdateItem.ts';
import { validateUpdateTtl } from './validation/UpdateTimeToLive.ts';
import { validate as validateUpdateTable } from './validation/UpdateTable.ts';

interface OperationDef<T> {
  validate: (body: Record<string, unknown>, server: ServerState) => T;
  run: (data: T, ctx: OpContext) => unknown;
}

const op = <T>(validate: OperationDef<T>['validate'], run: OperationDef<T>['run']): OperationDef<unknown> =>
  ({ validate, run }) as OperationDef<unknown>;

// Limits of a new account, https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeLimits.html
const LIMITS = {
  AccountMaxReadCapacityUnits: 80000,
  AccountMaxWriteCapacityUnits: 80000,
  TableMaxReadCapacityUnits: 40000,
  TableMaxWriteCapacityUnits: 40000,
};

export const OPERATION_DEFS: Record<Operation, OperationDef<unknown>> = {
  BatchExecuteStatement: op(validateBatchExecuteStatement, batchExecuteStatement),
  BatchGetItem: op(validateBatchGet, batchGetItem),
  BatchWriteItem: op(validateBatchWrite, batchWriteItem),
  CreateTable: op(validateCreateTable, createTable),
  DeleteItem: op(validateDeleteItem, deleteItem),
  DeleteTable: op(validateTableName, deleteTable),
  DescribeEndpoints: op(validateNothing, (_d, ctx) => ({
    Endpoints: [{ Address: `dynamodb.${ctx.region}.amazonaws.com`, CachePeriodInMinutes: 1440 }],
  })),
  DescribeLimits: op(validateNothing, () => LIMITS),
  DescribeTable: op(validateTableName, describeTable),
  DescribeTimeToLive: op(validateTableName, describeTimeToLive),
  ExecuteStatement: op(validateExecuteStatement, executeStatement),
  ExecuteTransaction: op(validateExecuteTransaction, executeTransaction),
  GetItem: op(validateGetItem, getItem),
  ListTables: op(validateListTables, listTables),
  ListTagsOfResource: op(validateListTags, listTagsOfResource),
  PutItem: op(validatePutItem, putItem),
  Query: op(validateQuery, query),
  Scan: op(validateScan, scan),
  TagResource: op(validateTagResource, tagResource),
  TransactGetItems: op(validateTransactGet, transactGetItems),
  TransactWriteItems: op(validateTransactWrite, transactWriteItems),
  UntagResource: op(validateUntagResource, untagResource),
  UpdateItem: op(validateUpdateItem, updateItem),
  UpdateTable: op(validateUpdateTable, updateTable),
  UpdateTimeToLive: op(validateUpdateTtl, updateTimeToLive),
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Registers every operation; `log` receives one entry per request, success or error. */
export function registerOperations(registry: Registry, server: ServerState, log: (entry: OpLogEntry) => void): void {
  for (const [name, def] of Object.entries(OPERATION_DEFS)) {
    registry.register(DYNAMODB_PREFIX + name, async (body: Record<string, unknown>, req: RequestContext) => {
      const entry: OpLogEntry = { at: Date.now(), operation: name, region: req.region, namespace: req.namespace };
      const ctx: OpContext = { ...req, server, note: (facts) => Object.assign(entry, facts) };
      try {
        // Transactions apply their latency while holding their items (see TransactWriteItems).
        const delay = name === 'TransactWriteItems' ? 0 : (server.latency[name] ?? 0);
        if (delay > 0) await sleep(delay);
        return await def.run(def.validate(body, server), ctx);
      } catch (err) {
        entry.error = (err as DynamoError).type ?? 'InternalServerError';
        throw err;
      } finally {
        log(entry);
      }
    });
  }
}
