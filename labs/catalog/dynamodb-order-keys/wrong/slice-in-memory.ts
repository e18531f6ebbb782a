// WRONG (latestOrders reads the whole collection and slices in JavaScript: right answer, n-fold bill).
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

const client = new DynamoDBClient({
  endpoint: process.env.DYNAMODB_ENDPOINT,
  region: process.env.AWS_REGION,
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '' },
});
const doc = DynamoDBDocumentClient.from(client);

const pk = (customerId: string) => `CUSTOMER#${customerId}`;
const sk = (placedOn: string, orderId: string) => `ORDER#${placedOn}#${orderId}`;

/** Strip the key attributes: callers see orders, not storage details. */
function toOrder(item: Record<string, unknown>): Order {
  const { PK: _pk, SK: _sk, ...order } = item;
  return order as unknown as Order;
}

export async function createOrdersTable(): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}

export async function saveOrder(order: Order): Promise<void> {
  await doc.send(new PutCommand({ TableName: TABLE, Item: { PK: pk(order.customerId), SK: sk(order.placedOn, order.orderId), ...order } }));
}

export async function getOrder(customerId: string, placedOn: string, orderId: string): Promise<Order | undefined> {
  const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: { PK: pk(customerId), SK: sk(placedOn, orderId) } }));
  return Item ? toOrder(Item) : undefined;
}

export async function ordersBetween(customerId: string, from: string, to: string): Promise<Order[]> {
  const orders: Order[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        // '$' sorts right after '#', so every ORDER#<to>#… key is inside the range.
        ExpressionAttributeValues: { ':pk': pk(customerId), ':from': `ORDER#${from}`, ':to': `ORDER#${to}$` },
        ExclusiveStartKey: start,
      }),
    );
    orders.push(...(page.Items ?? []).map(toOrder));
    start = page.LastEvaluatedKey;
  } while (start);
  return orders;
}

export async function latestOrders(customerId: string, n: number): Promise<Order[]> {
  const { Items } = await doc.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :order)',
      ExpressionAttributeValues: { ':pk': pk(customerId), ':order': 'ORDER#' },
      ScanIndexForward: false,
    }),
  );
  return (Items ?? []).slice(0, n).map(toOrder);
}

export async function main(): Promise<unknown> {
  await createOrdersTable();
  await saveOrder({ customerId: '42', orderId: 'A1', placedOn: '2024-05-01', total: 30, status: 'placed' });
  await saveOrder({ customerId: '42', orderId: 'A2', placedOn: '2024-05-20', total: 12.5, status: 'shipped' });
  await saveOrder({ customerId: '42', orderId: 'A3', placedOn: '2024-06-02', total: 99, status: 'placed' });
  return {
    one: await getOrder('42', '2024-05-20', 'A2'),
    may: await ordersBetween('42', '2024-05-01', '2024-05-31'),
    latestTwo: await latestOrders('42', 2),
  };
}
