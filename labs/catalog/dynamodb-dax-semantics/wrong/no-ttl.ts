// WRONG (no TTL: entries never expire, changes made behind the cache are never seen).
// A DAX-like cache in front of the real DynamoDB SDK: what DAX does, in 100 lines.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.concepts.html
// Products table: partition key category (S), sort key sku (S).
//   { category: 'mugs', sku: 'MUG-1', name: 'Mug', price: 1250 }
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

export const TABLE = 'Products';
/** DAX's default item-cache and query-cache TTL: 5 minutes each (cluster parameter group). */
export const ITEM_TTL_MS = 5 * 60 * 1000;
export const QUERY_TTL_MS = 5 * 60 * 1000;

export type Item = Record<string, unknown>;
export interface ProductKey {
  category: string;
  sku: string;
}
interface Entry<T> {
  value: T;
  expiresAt: number;
}

const config = {
  endpoint: process.env.DYNAMODB_ENDPOINT,
  region: process.env.AWS_REGION,
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '' },
};
const doc = DynamoDBDocumentClient.from(new DynamoDBClient(config));

// The clock the TTLs read. The checks set it so that expiry needs no waiting.
let fakeNow: number | undefined;
const now = () => fakeNow ?? Date.now();
/** Pin the cache's clock to `ms` (epoch milliseconds), or back to Date.now() with undefined. */
export function setClock(ms: number | undefined): void {
  fakeNow = ms;
}

const itemCache = new Map<string, Entry<Item | undefined>>();
const queryCache = new Map<string, Entry<Item[]>>();
/** Empty both caches (a fresh cluster). */
export function resetCache(): void {
  itemCache.clear();
  queryCache.clear();
}

/** The item cache is keyed by table and primary key, like DAX's. */
const itemKey = (key: ProductKey) => JSON.stringify([TABLE, key.category, key.sku]);

/** JSON with object keys sorted: the same request spelled in another key order is the same entry. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function fresh<T>(entry: Entry<T> | undefined): entry is Entry<T> {
  return entry !== undefined;
}

/**
 * GetItem through the item cache. A miss is cached too (negative caching). A strongly
 * consistent read goes to DynamoDB and its result is not cached.
 */
export async function getItem(key: ProductKey, consistentRead = false): Promise<Item | undefined> {
  if (consistentRead) {
    const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }));
    return Item;
  }
  const cached = itemCache.get(itemKey(key));
  if (fresh(cached)) return cached.value;
  const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: key }));
  itemCache.set(itemKey(key), { value: Item, expiresAt: now() + ITEM_TTL_MS });
  return Item;
}

/** Query through the query cache, keyed by the whole request (parameters and values). */
export async function query(request: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
  const input = { ...request, TableName: TABLE };
  if (input.ConsistentRead) return (await doc.send(new QueryCommand(input))).Items ?? [];
  const k = canonical(input);
  const cached = queryCache.get(k);
  if (fresh(cached)) return cached.value;
  const items = (await doc.send(new QueryCommand(input))).Items ?? [];
  queryCache.set(k, { value: items, expiresAt: now() + QUERY_TTL_MS });
  return items;
}

/**
 * Write-through: DynamoDB first (a failed write must not reach the cache), then the item cache.
 * Like DAX, the query cache is left alone: cached Query results stay stale until their TTL.
 */
export async function putItem(item: ProductKey & Item): Promise<void> {
  await doc.send(new PutCommand({ TableName: TABLE, Item: item }));
  itemCache.set(itemKey(item), { value: item, expiresAt: now() + ITEM_TTL_MS });
}

/** Run executes main(): a miss, a hit, a write and a stale query. */
export async function main(): Promise<unknown> {
  const key = { category: 'mugs', sku: 'MUG-1' };
  const first = await getItem(key);
  const second = await getItem(key);
  const before = await query({ KeyConditionExpression: 'category = :c', ExpressionAttributeValues: { ':c': 'mugs' } });
  await putItem({ ...key, name: 'Mug', price: 1500 });
  const after = await query({ KeyConditionExpression: 'category = :c', ExpressionAttributeValues: { ':c': 'mugs' } });
  return { first, second, afterWrite: await getItem(key), queryBefore: before, queryAfterWriteIsStale: after };
}
