// WRONG (ordersByStatus reads every order with the status and slices in JavaScript instead of passing Limit).
// GSIs: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html
import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';

export type Status = 'PLACED' | 'PACKED' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED';

export interface Order {
  customerId: string;
  /** The public order number printed on the receipt, e.g. ORD-10007. */
  orderNo: string;
  /** ISO timestamp, e.g. 2024-03-01T07:00:00Z. */
  placedAt: string;
  status: Status;
  warehouse: string;
  total: number;
  lines: { sku: string; qty: number }[];
}

/** What the OpenByWarehouse index holds for an order (its projection). */
export interface OpenOrder {
  orderNo: string;
  status: Status;
  total: number;
  openSince: string;
}

export const TABLE = 'Orders';

const client = new DynamoDBClient({
  endpoint: process.env.DYNAMODB_ENDPOINT,
  region: process.env.AWS_REGION,
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '' },
});
const doc = DynamoDBDocumentClient.from(client);

/** Drops the table's key attributes and the index bookkeeping, leaving the order itself. */
function toOrder(item: Record<string, unknown>): Order {
  const { PK: _pk, SK: _sk, openSince: _open, ...order } = item;
  return order as unknown as Order;
}

/**
 * Task 1: add the ByStatus GSI (status, placedAt) to the live table. DynamoDB backfills it from
 * the existing items; until IndexStatus is ACTIVE a Query on it is refused, and the *table* stays
 * ACTIVE the whole time — so waitUntilTableExists would not wait for it.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.OnlineOps.html
 */
export async function addStatusIndex(): Promise<void> {
  await client.send(
    new UpdateTableCommand({
      TableName: TABLE,
      // Only the new key attributes need declaring; the table's own are already there.
      AttributeDefinitions: [
        { AttributeName: 'status', AttributeType: 'S' },
        { AttributeName: 'placedAt', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexUpdates: [
        {
          Create: {
            IndexName: 'ByStatus',
            KeySchema: [
              { AttributeName: 'status', KeyType: 'HASH' },
              { AttributeName: 'placedAt', KeyType: 'RANGE' },
            ],
            // The listing shows whole orders, and a GSI cannot fetch from the table: project ALL.
            Projection: { ProjectionType: 'ALL' },
          },
        },
      ],
    }),
  );
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE }));
    const index = Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === 'ByStatus');
    if (index?.IndexStatus === 'ACTIVE') return;
    await sleep(200);
  }
}

/** Task 2: the `limit` most recent orders with this status, newest first. */
export async function ordersByStatus(status: Status, limit: number): Promise<Order[]> {
  const { Items = [] } = await doc.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: 'ByStatus',
      KeyConditionExpression: '#status = :status',
      // STATUS is a reserved word.
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': status },
      ScanIndexForward: false, // placedAt descending: newest first
    }),
  );
  return Items.map(toOrder).slice(0, limit);
}

/**
 * Task 3: the whole order behind a public order number, or undefined. ByOrderNo is KEYS_ONLY:
 * it answers "which table key?", and a GetItem on that key returns the order.
 */
export async function orderByNumber(orderNo: string): Promise<Order | undefined> {
  const { Items = [] } = await doc.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: 'ByOrderNo',
      KeyConditionExpression: 'orderNo = :no',
      ExpressionAttributeValues: { ':no': orderNo },
    }),
  );
  // A GSI does not enforce uniqueness: two items may share an order number. Ours never do
  // (orders are created with a uniqueness guard, chapter 19.6), so the first match is the order.
  const hit = Items[0];
  if (!hit) return undefined;
  const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: { PK: hit.PK, SK: hit.SK } }));
  return Item ? toOrder(Item) : undefined;
}

/** Task 4: the warehouse's open orders, oldest first — read from the sparse index, which holds only them. */
export async function openOrders(warehouse: string): Promise<OpenOrder[]> {
  const orders: OpenOrder[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: 'OpenByWarehouse',
        KeyConditionExpression: 'warehouse = :w',
        ExpressionAttributeValues: { ':w': warehouse },
        ExclusiveStartKey: start,
      }),
    );
    for (const { orderNo, status, total, openSince } of page.Items ?? []) orders.push({ orderNo, status, total, openSince });
    start = page.LastEvaluatedKey;
  } while (start);
  return orders;
}

/**
 * Task 4: ship an order. Removing `openSince` takes the order out of the sparse index (one index
 * delete); setting it to '' or null would be refused, since index key values must be non-empty S.
 */
export async function shipOrder(customerId: string, placedAt: string): Promise<void> {
  await doc.send(
    new UpdateCommand({
      TableName: TABLE,
      Key: { PK: `CUSTOMER#${customerId}`, SK: `ORDER#${placedAt}` },
      UpdateExpression: 'SET #status = :shipped REMOVE openSince',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':shipped': 'SHIPPED' },
    }),
  );
}

/** Run executes main(): try your functions here. */
export async function main(): Promise<unknown> {
  await addStatusIndex();
  return {
    latestShipped: (await ordersByStatus('SHIPPED', 3)).map((o) => `${o.orderNo} ${o.placedAt}`),
    order: await orderByNumber('ORD-10020'),
    openInOslo: (await openOrders('OSLO')).length,
  };
}
