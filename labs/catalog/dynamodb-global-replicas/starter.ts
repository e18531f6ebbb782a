// A global table from TypeScript (version 2019.11.21). The Visits table (pk S, sk S, on-demand)
// lives in your home region (AWS_REGION, us-east-1). Chapter 19.8.
import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

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
  // TODO (task 1): UpdateTable with ReplicaUpdates: [{ Create: { RegionName: region } }],
  // then poll DescribeTable (sleeping in between) until that replica's ReplicaStatus is ACTIVE.
  void [region, timeoutMs, DescribeTableCommand, UpdateTableCommand];
}

/**
 * Reads (pk, sk) in `region` once a version ≥ minVersion has arrived there, polling with
 * backoff, and throws an Error after timeoutMs.
 */
export async function readWhenReplicated(region: string, pk: string, sk: string, minVersion: number, timeoutMs: number): Promise<Item> {
  // TODO (tasks 2 and 3): one read is not enough, replication is asynchronous. Poll with a
  // growing delay (sleep) and stop with an Error once timeoutMs has passed.
  void [minVersion, timeoutMs, sleep];
  const { Item } = await docIn(region).send(new GetCommand({ TableName: TABLE, Key: { pk, sk } }));
  return Item as Item;
}

/** Counts one visit of `page`, made in `region`. */
export async function recordVisit(page: string, region: string): Promise<void> {
  // TODO (task 4): both regions increment this same item at once. Who wins?
  await docIn(region).send(
    new UpdateCommand({
      TableName: TABLE,
      Key: { pk: `PAGE#${page}`, sk: 'TOTAL' },
      UpdateExpression: 'ADD hits :one',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
}

/** The visits of `page` as `region` sees them. */
export async function totalVisits(page: string, region: string): Promise<number> {
  // TODO (task 4): if each region keeps its own counter item, Query the partition and sum.
  void QueryCommand;
  const { Item } = await docIn(region).send(new GetCommand({ TableName: TABLE, Key: { pk: `PAGE#${page}`, sk: 'TOTAL' } }));
  return (Item?.hits as number | undefined) ?? 0;
}

export async function main(): Promise<void> {
  await addReplica('eu-west-1');
  await Promise.all([recordVisit('home', HOME), recordVisit('home', 'eu-west-1')]);
  console.log('visits as each region sees them:', await totalVisits('home', HOME), await totalVisits('home', 'eu-west-1'));
}
