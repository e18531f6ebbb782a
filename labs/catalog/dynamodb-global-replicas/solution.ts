// A global table from TypeScript (version 2019.11.21): add a replica region, read what another
// region wrote once replication has delivered it, and count visits in both regions without
// last-writer-wins losing increments. Reference solution.
import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

export const TABLE = 'Visits';
export const HOME = process.env.AWS_REGION ?? 'us-east-1';

export interface Item {
  pk: string;
  sk: string;
  version: number;
  [attribute: string]: unknown;
}

// One client per region: the region in the SigV4 signature is what picks the replica.
const clients = new Map<string, DynamoDBDocumentClient>();
function docIn(region: string): DynamoDBDocumentClient {
  let doc = clients.get(region);
  if (!doc) {
    const client = new DynamoDBClient({
      endpoint: process.env.DYNAMODB_ENDPOINT,
      region,
      credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '' },
    });
    doc = DynamoDBDocumentClient.from(client);
    clients.set(region, doc);
  }
  return doc;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Adds a replica of TABLE in `region` and returns once DynamoDB reports it ACTIVE. */
export async function addReplica(region: string, timeoutMs = 10_000): Promise<void> {
  const home = docIn(HOME);
  await home.send(new UpdateTableCommand({ TableName: TABLE, ReplicaUpdates: [{ Create: { RegionName: region } }] }));
  const deadline = Date.now() + timeoutMs;
  for (let delay = 100; ; delay = Math.min(delay * 2, 1000)) {
    const { Table } = await home.send(new DescribeTableCommand({ TableName: TABLE }));
    if (Table?.Replicas?.find((r) => r.RegionName === region)?.ReplicaStatus === 'ACTIVE') return;
    if (Date.now() + delay > deadline) throw new Error(`replica ${region} of ${TABLE} not ACTIVE after ${timeoutMs} ms`);
    await sleep(delay);
  }
}

/**
 * Reads (pk, sk) in `region` once a version ≥ minVersion has arrived there: exponential backoff
 * from 50 ms, capped at 400 ms, and an Error after timeoutMs instead of waiting forever.
 */
export async function readWhenReplicated(region: string, pk: string, sk: string, minVersion: number, timeoutMs: number): Promise<Item> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 400)) {
    const { Item } = await docIn(region).send(new GetCommand({ TableName: TABLE, Key: { pk, sk } }));
    if (Item && (Item.version as number) >= minVersion) return Item as Item;
    if (Date.now() + delay > deadline) throw new Error(`${pk}/${sk} version ${minVersion} did not reach ${region} within ${timeoutMs} ms`);
    await sleep(delay);
  }
}

/** Counts one visit of `page`, made in `region`: each region increments only its own item. */
export async function recordVisit(page: string, region: string): Promise<void> {
  await docIn(region).send(
    new UpdateCommand({
      TableName: TABLE,
      Key: { pk: `PAGE#${page}`, sk: `REGION#${region}` },
      UpdateExpression: 'ADD hits :one',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
}

/** The visits of `page` as `region` sees them: the sum of every region's counter item. */
export async function totalVisits(page: string, region: string): Promise<number> {
  let total = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await docIn(region).send(
      new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `PAGE#${page}` }, ExclusiveStartKey: start }),
    );
    for (const item of out.Items ?? []) total += (item.hits as number | undefined) ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return total;
}

export async function main(): Promise<void> {
  await addReplica('eu-west-1');
  await docIn(HOME).send(new PutCommand({ TableName: TABLE, Item: { pk: 'NOTE#1', sk: 'v', version: 1, text: 'written in ' + HOME } }));
  const started = Date.now();
  const note = await readWhenReplicated('eu-west-1', 'NOTE#1', 'v', 1, 5000);
  console.log(`eu-west-1 saw "${note.text}" after ${Date.now() - started} ms`);
  await Promise.all([recordVisit('home', HOME), recordVisit('home', 'eu-west-1')]);
  console.log('visits as each region sees them right away:', await totalVisits('home', HOME), await totalVisits('home', 'eu-west-1'));
}
