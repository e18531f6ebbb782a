// The Orders table (partition key orderId) with a stream of NEW_AND_OLD_IMAGES, then 1,200 orders
// for twelve customers: more than one GetRecords page (1,000 records at most), so a consumer that
// reads only the first page falls short. Amounts are integer cents. Chapter 19.5.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetRecords.html
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { defineFixture } from '../../engine/contracts/checks.ts';

export const TABLE = 'Orders';
export const ORDER_COUNT = 1200;

export interface Order {
  orderId: string;
  customerId: string;
  amount: number;
  status: string;
}

export function seedOrder(i: number): Order {
  return { orderId: `o${String(i).padStart(4, '0')}`, customerId: `c${String(i % 12).padStart(2, '0')}`, amount: 100 + ((i * 37) % 900), status: 'placed' };
}

export default defineFixture(async (ctx) => {
  const { client, doc } = ctx.dynamodb!;
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  const orders = Array.from({ length: ORDER_COUNT }, (_, i) => seedOrder(i));
  for (let i = 0; i < orders.length; i += 25) {
    // BatchWriteItem may hand items back unprocessed; resend them until none are left.
    let pending: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
      [TABLE]: orders.slice(i, i + 25).map((Item) => ({ PutRequest: { Item: { ...Item } } })),
    };
    while (pending && Object.keys(pending).length > 0) {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: pending }));
      pending = out.UnprocessedItems as typeof pending;
    }
  }
});
