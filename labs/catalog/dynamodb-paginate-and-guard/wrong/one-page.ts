// WRONG (allOrders reads only the first 1 MB page and ignores LastEvaluatedKey).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

export interface Order {
  customerId: string;
  orderId: string;
  /** ISO date, YYYY-MM-DD. */
  placedOn: string;
  total: number;
  status: 'placed' | 'shipped' | 'delivered';
  notes?: string;
}

export const TABLE = 'Orders';

const client = new DynamoDBClient({
  endpoint: process.env.DYNAMODB_ENDPOINT,
  region: process.env.AWS_REGION,
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '' },
});
const doc = DynamoDBDocumentClient.from(client);

/** The customer's orders (not their profile): PK = CUSTOMER#<id>, SK starting with ORDER#. */
const ordersOf = (customerId: string): QueryCommandInput => ({
  TableName: TABLE,
  KeyConditionExpression: 'PK = :pk AND begins_with(SK, :order)',
  ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}`, ':order': 'ORDER#' },
});

/** Every page of a Query: one request per 1 MB page, chained by LastEvaluatedKey. */
async function* pages(input: QueryCommandInput) {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    yield page;
    start = page.LastEvaluatedKey;
  } while (start);
}

export async function allOrders(customerId: string): Promise<Order[]> {
  const page = await doc.send(new QueryCommand(ordersOf(customerId)));
  return (page.Items ?? []).map(({ PK: _pk, SK: _sk, ...order }) => order as Order);
}

export async function createOrder(order: Order): Promise<boolean> {
  try {
    await doc.send(
      new PutCommand({
        TableName: TABLE,
        Item: { PK: `CUSTOMER#${order.customerId}`, SK: `ORDER#${order.placedOn}#${order.orderId}`, ...order },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

export async function orderTotals(customerId: string): Promise<{ orderId: string; total: number }[]> {
  const totals: { orderId: string; total: number }[] = [];
  for await (const page of pages({ ...ordersOf(customerId), ProjectionExpression: 'orderId, #total', ExpressionAttributeNames: { '#total': 'total' } })) {
    totals.push(...((page.Items ?? []) as { orderId: string; total: number }[]));
  }
  return totals;
}

export async function readCost(customerId: string): Promise<number> {
  let units = 0;
  for await (const page of pages({ ...ordersOf(customerId), ReturnConsumedCapacity: 'TOTAL' })) {
    units += page.ConsumedCapacity?.CapacityUnits ?? 0;
  }
  return units;
}

export async function main(): Promise<unknown> {
  const orders = await allOrders('C42');
  const created = await createOrder({ customerId: 'C42', orderId: 'NEW1', placedOn: '2025-01-01', total: 5, status: 'placed' });
  const again = await createOrder({ customerId: 'C42', orderId: 'NEW1', placedOn: '2025-01-01', total: 500, status: 'placed' });
  return { orders: orders.length, created, again, totals: (await orderTotals('C43')), readUnits: await readCost('C42') };
}
