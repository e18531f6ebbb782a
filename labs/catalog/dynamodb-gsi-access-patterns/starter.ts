// The shop's Orders table is keyed for "a customer's orders":
//   PK = "CUSTOMER#<customerId>"   SK = "ORDER#<placedAt>"     (placedAt: ISO timestamp)
// Every order also has orderNo (public, e.g. ORD-10007), status, warehouse, total and lines.
// Open orders (PLACED or PACKED) also carry openSince = placedAt. Two GSIs exist already:
//   ByOrderNo        orderNo (HASH)                          projection KEYS_ONLY
//   OpenByWarehouse  warehouse (HASH), openSince (RANGE)     projection INCLUDE orderNo, status, total
// The questions below are not about one customer, so the table's own key cannot answer them.
import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

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

/** Task 1: add a GSI named ByStatus (partition key status, sort key placedAt) and return once it is usable. */
export async function addStatusIndex(): Promise<void> {
  // TODO: UpdateTableCommand with AttributeDefinitions for the new key attributes and
  //       GlobalSecondaryIndexUpdates: [{ Create: { IndexName, KeySchema, Projection } }].
  //       Then poll DescribeTableCommand until the index's IndexStatus is ACTIVE.
  void UpdateTableCommand;
  void DescribeTableCommand;
}

/** Task 2: the `limit` most recent orders with this status, newest first. */
export async function ordersByStatus(status: Status, limit: number): Promise<Order[]> {
  // TODO: this reads the whole table. Query the ByStatus index instead (IndexName), newest first.
  const { Items = [] } = await doc.send(
    new ScanCommand({
      TableName: TABLE,
      FilterExpression: '#status = :status',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': status },
    }),
  );
  return Items.map(toOrder).slice(0, limit);
}

/** Task 3: the whole order behind a public order number, or undefined. */
export async function orderByNumber(orderNo: string): Promise<Order | undefined> {
  // TODO: Query ByOrderNo for the order's table key, then GetCommand the order itself.
  void QueryCommand;
  void GetCommand;
  void orderNo;
  return undefined;
}

/** Task 4: the warehouse's open orders (PLACED or PACKED), oldest first, as the OpenByWarehouse index holds them. */
export async function openOrders(warehouse: string): Promise<OpenOrder[]> {
  // TODO: Query OpenByWarehouse with warehouse = :w (follow LastEvaluatedKey).
  void warehouse;
  return [];
}

/** Task 4: ship an order — it is no longer open. */
export async function shipOrder(customerId: string, placedAt: string): Promise<void> {
  // TODO: an order is open while it has openSince. What must happen to openSince when it ships?
  await doc.send(
    new UpdateCommand({
      TableName: TABLE,
      Key: { PK: `CUSTOMER#${customerId}`, SK: `ORDER#${placedAt}` },
      UpdateExpression: 'SET #status = :shipped',
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
