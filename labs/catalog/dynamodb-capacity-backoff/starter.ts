// Load events into two tables with BatchWriteItem, 25 writes per call:
//   Events  — PROVISIONED, 3 WCU, and its burst credit is spent: DynamoDB will throttle it.
//   Archive — on-demand (PAY_PER_REQUEST).
// Both are keyed by pk (a string). Lose no item, retry politely, and know what it cost.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type Item = Record<string, unknown>;
type WriteRequest = { PutRequest: { Item: Item } };
export interface LoadReport {
  /** BatchWriteItem calls sent, retries included. */
  requests: number;
  /** Sum of ConsumedCapacity.CapacityUnits over every answer. */
  consumedWriteUnits: number;
}
export type Consistency = 'eventual' | 'strong' | 'transactional';

// maxAttempts: 1 turns the SDK's own retries off: this loader owns the retries (two layers multiply).
const client = new DynamoDBClient({
  endpoint: process.env.DYNAMODB_ENDPOINT,
  region: process.env.AWS_REGION,
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '' },
  maxAttempts: 1,
});
const doc = DynamoDBDocumentClient.from(client);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Task 2: how long to wait before retry number `attempt` (1, 2, …); `random` is in [0, 1). */
export function backoffDelay(attempt: number, random: number): number {
  // TODO: exponential (base × 2^attempt), capped, and scaled by `random` (jitter).
  return 100;
}

/** Tasks 1–3: writes every item (table name → items), at most 25 per BatchWriteItem, losing none. */
export async function loadItems(items: Record<string, Item[]>, options: { maxAttempts?: number } = {}): Promise<LoadReport> {
  const maxAttempts = options.maxAttempts ?? 8;
  const all: Array<[string, WriteRequest]> = Object.entries(items).flatMap(([table, list]) => list.map((Item): [string, WriteRequest] => [table, { PutRequest: { Item } }]));
  const report: LoadReport = { requests: 0, consumedWriteUnits: 0 };
  for (let i = 0; i < all.length; i += 25) {
    const batch: Record<string, WriteRequest[]> = {};
    for (const [table, req] of all.slice(i, i + 25)) (batch[table] ??= []).push(req);
    // TODO: resend out.UnprocessedItems until it is empty; catch ProvisionedThroughputExceededException
    //       and ThrottlingException and retry after sleep(backoffDelay(attempt, Math.random()));
    //       throw after maxAttempts attempts; ask for ReturnConsumedCapacity and add it up.
    report.requests++;
    await doc.send(new BatchWriteCommand({ RequestItems: batch }));
  }
  void maxAttempts;
  void sleep;
  return report;
}

/** Task 4: capacity units of one read or write of an item of `itemBytes` bytes. */
export function capacityUnits(op: 'read' | 'write', itemBytes: number, consistency: Consistency = 'eventual'): number {
  // TODO: reads are billed per 4 KB, writes per 1 KB; mind the consistency mode.
  return Math.ceil(itemBytes / 1024);
}

export async function main(): Promise<void> {
  const events = Array.from({ length: 30 }, (_, i) => ({ pk: `e${i}`, kind: 'click' }));
  console.log(await loadItems({ Events: events, Archive: events }));
  console.log('4.5 KB strongly consistent read:', capacityUnits('read', 4608, 'strong'), 'RCU');
}
