// How BatchExecuteStatement and ExecuteTransaction report one statement's failure: a
// `{ Code, Message, Item? }` object (BatchStatementError / CancellationReason) instead of an
// exception. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchStatementError.html

import { DynamoError } from '../errors.ts';
import { Consumed } from '../capacity.ts';

const CODES: Record<string, string> = {
  ConditionalCheckFailedException: 'ConditionalCheckFailed',
  DuplicateItemException: 'DuplicateItem',
  ValidationException: 'ValidationError',
  ResourceNotFoundException: 'ResourceNotFound',
  TransactionConflictException: 'TransactionConflict',
  ProvisionedThroughputExceededException: 'ProvisionedThroughputExceeded',
  ItemCollectionSizeLimitExceededException: 'ItemCollectionSizeLimitExceeded',
  RequestLimitExceeded: 'RequestLimitExceeded',
  InternalServerError: 'InternalServerError',
};

export interface StatementError {
  Code: string;
  Message: string;
  Item?: unknown;
}

/** The error object for a DynamoError; anything else is a bug and is rethrown. */
export function statementError(err: unknown): StatementError {
  if (!(err instanceof DynamoError)) throw err;
  const out: StatementError = { Code: CODES[err.type] ?? err.type.replace(/Exception$/, ''), Message: err.message };
  if (err.extra.Item) out.Item = err.extra.Item;
  return out;
}

/** Consumed capacity per table of a multi-statement request. */
export class ConsumedByTable {
  private readonly byTable = new Map<string, Consumed>();
  private readonly kind: 'read' | 'write';

  constructor(kind: 'read' | 'write') {
    this.kind = kind;
  }

  of(table: string): Consumed {
    let c = this.byTable.get(table);
    if (!c) this.byTable.set(table, (c = new Consumed(table, this.kind)));
    return c;
  }

  /** Adds one statement's units (table and indexes). */
  add(c: Consumed): void {
    const total = this.of(c.table);
    total.tableUnits += c.tableUnits;
    for (const [name, units] of c.gsi) total.addIndex(name, true, units);
    for (const [name, units] of c.lsi) total.addIndex(name, false, units);
  }

  tables(): string[] {
    return [...this.byTable.keys()];
  }

  get total(): number {
    let n = 0;
    for (const c of this.byTable.values()) n += c.total;
    return n;
  }

  toJSON(mode: Parameters<Consumed['toJSON']>[0]): unknown[] | undefined {
    const list = [...this.byTable.values()].map((c) => c.toJSON(mode)).filter(Boolean);
    return list.length ? list : undefined;
  }
}
