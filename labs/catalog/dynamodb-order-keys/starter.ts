// Orders for a shop, in one DynamoDB table. Three access patterns, one key design:
//   1. one order (the customer, the day it was placed, its id)      → GetItem
//   2. a customer's orders between two dates, oldest first          → Query + BETWEEN
//   3. a customer's latest N orders, newest first                   → Query backwards + Limit
// Key design (use exactly these attribute names and formats — the checks read them):
//   PK = "CUSTOMER#<customerId>"          e.g. CUSTOMER#42
//   SK = "ORDER#<placedOn>#<orderId>"     e.g. ORDER#2024-05-01#A1
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';

export interface Order {
  customerId: string;
  orderId: string;
  /** ISO date, YYYY-MM-DD. */
  placedOn: string;
  total: number;
  status: 'placed' | 'shipped' | 'delivered';
}

export const TABLE = 'Orders';

// The lab gives you an endpoint and credentials of your own through the environment.
const client = new DynamoDBClient({
  endpoint: process.env.DYNAMODB_ENDPOINT,
  region: process.env.AWS_REGION,
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '' },
});
const doc = DynamoDBDocumentClient.from(client);

/** Task 1: create the `Orders` table: partition key `PK` (string), sort key `SK` (string), on-demand billing. */
export async function createOrdersTable(): Promise<void> {
  // TODO: client.send(new CreateTableCommand({ TableName: TABLE, AttributeDefinitions: [...], KeySchema: [...], BillingMode: 'PAY_PER_REQUEST' }))
  void CreateTableCommand;
}

/** Task 2: store the order with its PK and SK, plus all of the order's own attributes. */
export async function saveOrder(order: Order): Promise<void> {
  // TODO: doc.send(new PutCommand({ TableName: TABLE, Item: { PK: ..., SK: ..., ...order } }))
  void PutCommand;
  void order;
}

/** Task 3: one order by its full primary key, or undefined when there is none. */
export async function getOrder(customerId: string, placedOn: string, orderId: string): Promise<Order | undefined> {
  // TODO: GetCommand with Key: { PK, SK }
  void GetCommand;
  void [customerId, placedOn, orderId];
  return undefined;
}

/** Task 4: the customer's orders placed from `from` to `to` (both YYYY-MM-DD, both inclusive), oldest first. */
export async function ordersBetween(customerId: string, from: string, to: string): Promise<Order[]> {
  // TODO: QueryCommand with KeyConditionExpression 'PK = :pk AND SK BETWEEN :from AND :to'
  //       (careful with the upper bound: which keys sort between ORDER#<to> and the next day?)
  void QueryCommand;
  void doc;
  void [customerId, from, to];
  return [];
}

/** Task 5: the customer's `n` most recent orders, newest first. */
export async function latestOrders(customerId: string, n: number): Promise<Order[]> {
  // TODO: QueryCommand reading the item collection backwards, stopping after n items
  void [customerId, n];
  return [];
}

/** Run executes main(): try your functions here. */
export async function main(): Promise<unknown> {
  await createOrdersTable();
  await saveOrder({ customerId: '42', orderId: 'A1', placedOn: '2024-05-01', total: 30, status: 'placed' });
  await saveOrder({ customerId: '42', orderId: 'A2', placedOn: '2024-05-20', total: 12.5, status: 'shipped' });
  return { one: await getOrder('42', '2024-05-01', 'A1'), may: await ordersBetween('42', '2024-05-01', '2024-05-31') };
}
