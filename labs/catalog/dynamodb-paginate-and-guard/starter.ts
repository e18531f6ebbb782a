// Customer C42 has 130 orders with bulky notes (~9 KB each, ~1.2 MB in all): more than one
// Query answer can carry. The Orders table is already there, keyed like this:
//   PK = "CUSTOMER#<customerId>"          e.g. CUSTOMER#42
//   SK = "ORDER#<placedOn>#<orderId>"     e.g. ORDER#2024-05-01#A1
// The same item collection also holds the customer's profile (SK = "PROFILE"): it is not an order.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';

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

/** Task 1: every order of the customer, oldest first — all of them, however many pages that takes. */
export async function allOrders(customerId: string): Promise<Order[]> {
  // TODO: Query PK = :pk AND begins_with(SK, :order); while the answer has a LastEvaluatedKey,
  //       send the Query again with ExclusiveStartKey set to it.
  const { Items } = await doc.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :order)',
      ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}`, ':order': 'ORDER#' },
    }),
  );
  return (Items ?? []) as Order[];
}

/** Task 2: write the order only if no item has its key yet. true = created, false = it already existed. */
export async function createOrder(order: Order): Promise<boolean> {
  // TODO: add a ConditionExpression so an existing order is never overwritten, turn the
  //       ConditionalCheckFailedException into `false`, and let every other error through.
  await doc.send(new PutCommand({ TableName: TABLE, Item: { PK: `CUSTOMER#${order.customerId}`, SK: `ORDER#${order.placedOn}#${order.orderId}`, ...order } }));
  return true;
}

/** Task 3: only { orderId, total } of every order of the customer, oldest first — projected by DynamoDB. */
export async function orderTotals(customerId: string): Promise<{ orderId: string; total: number }[]> {
  // TODO: a paginated Query with a ProjectionExpression. TOTAL is one of DynamoDB's reserved
  //       words: write '#total' in the expression and map it with ExpressionAttributeNames.
  void customerId;
  return [];
}

/** Task 4: the read capacity units (ConsumedCapacity.CapacityUnits, summed) that reading all the customer's orders costs. */
export async function readCost(customerId: string): Promise<number> {
  // TODO: the paginated Query from task 1 with ReturnConsumedCapacity: 'TOTAL'
  void customerId;
  return 0;
}

/** Run executes main(): try your functions here. */
export async function main(): Promise<unknown> {
  const orders = await allOrders('C42');
  const again = await createOrder({ customerId: 'C42', orderId: 'N000', placedOn: '2023-01-01', total: 1, status: 'placed' });
  return { orders: orders.length, createdOverExisting: again, readUnits: await readCost('C42') };
}
