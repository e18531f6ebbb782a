// WRONG (retries at once, no wait: a hot loop against an empty token bucket that gives up long before it refills).
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

// maxAttempts: 1 — this loader owns the retries; the SDK's own retries would multiply them.
const client = new DynamoDBClient({
  endpoint: process.env.DYNAMODB_ENDPOINT,
  region: process.env.AWS_REGION,
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '' },
  maxAttempts: 1,
});
const doc = DynamoDBDocumentClient.from(client);

const BASE_MS = 25;
const CAP_MS = 1000;
const RETRYABLE = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);

/** Task 2: full jitter — a random wait between 0 and min(cap, base × 2^attempt). */
export function backoffDelay(attempt: number, random: number): number {
  return random * Math.min(CAP_MS, BASE_MS * 2 ** attempt);
}

/** Tasks 1–3: writes every item (table name → items), 25 per BatchWriteItem, losing none. */
export async function loadItems(items: Record<string, Item[]>, options: { maxAttempts?: number } = {}): Promise<LoadReport> {
  const maxAttempts = options.maxAttempts ?? 8;
  const all: Array<[string, WriteRequest]> = Object.entries(items).flatMap(([table, list]) => list.map((Item): [string, WriteRequest] => [table, { PutRequest: { Item } }]));
  const report: LoadReport = { requests: 0, consumedWriteUnits: 0 };
  for (let i = 0; i < all.length; i += 25) {
    let pending: Record<string, WriteRequest[]> = {};
    for (const [table, req] of all.slice(i, i + 25)) (pending[table] ??= []).push(req);
    for (let attempt = 0; Object.keys(pending).length > 0; attempt++) {
      if (attempt >= maxAttempts) throw new Error(`gave up after ${maxAttempts} attempts with ${Object.values(pending).flat().length} items unwritten`);
      report.requests++;
      try {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: pending, ReturnConsumedCapacity: 'TOTAL' }));
        for (const c of out.ConsumedCapacity ?? []) report.consumedWriteUnits += c.CapacityUnits ?? 0;
        pending = (out.UnprocessedItems ?? {}) as Record<string, WriteRequest[]>;
      } catch (err) {
        if (!RETRYABLE.has((err as Error).name)) throw err;
      }
    }
  }
  return report;
}

/** Task 4: capacity units of one read or write of an item of `itemBytes` bytes. */
export function capacityUnits(op: 'read' | 'write', itemBytes: number, consistency: Consistency = 'eventual'): number {
  if (op === 'write') return Math.ceil(itemBytes / 1024) * (consistency === 'transactional' ? 2 : 1);
  const units = Math.ceil(itemBytes / 4096);
  return consistency === 'strong' ? units : consistency === 'transactional' ? units * 2 : units / 2;
}

export async function main(): Promise<void> {
  const events = Array.from({ length: 30 }, (_, i) => ({ pk: `e${i}`, kind: 'click' }));
  console.log(await loadItems({ Events: events, Archive: events }));
  console.log('4.5 KB strongly consistent read:', capacityUnits('read', 4608, 'strong'), 'RCU');
}
