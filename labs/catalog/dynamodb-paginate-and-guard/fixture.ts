// The Orders table (PK/SK as in dynamodb-order-keys) with customer C42's 130 orders of ~9 KB
// each: about 1.2 MB, so reading them takes two 1 MB Query pages. C43 has a few small orders
// and C42 a profile item in the same item collection (single-table design).
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { defineFixture } from '../../engine/contracts/checks.ts';

export const TABLE = 'Orders';
export const BIG_CUSTOMER = 'C42';
export const BIG_COUNT = 130;
export const NOTE_BYTES = 9_000;

/** Deterministic order number i of C42: dates spread over 2023–2024, ids zero-padded so they sort. */
export function bigOrder(i: number) {
  const day = new Date(Date.UTC(2023, 0, 1) + i * 4 * 86_400_000).toISOString().slice(0, 10);
  const orderId = `N${String(i).padStart(3, '0')}`;
  return { customerId: BIG_CUSTOMER, orderId, placedOn: day, total: 10 + ((i * 37) % 400) / 4, status: 'delivered', notes: `${orderId} `.padEnd(NOTE_BYTES, '.') };
}

export const SMALL_ORDERS = [
  { customerId: 'C43', orderId: 'S1', placedOn: '2024-02-02', total: 3, status: 'placed' },
  { customerId: 'C43', orderId: 'S2', placedOn: '2024-02-03', total: 4.5, status: 'placed' },
  { customerId: 'C43', orderId: 'S3', placedOn: '2024-03-01', total: 8, status: 'shipped' },
];

const withKeys = (o: { customerId: string; placedOn: string; orderId: string }) => ({ PK: `CUSTOMER#${o.customerId}`, SK: `ORDER#${o.placedOn}#${o.orderId}`, ...o });

export default defineFixture(async (ctx) => {
  const { client, doc } = ctx.dynamodb!;
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
  const items: Record<string, unknown>[] = [
    ...Array.from({ length: BIG_COUNT }, (_, i) => withKeys(bigOrder(i))),
    ...SMALL_ORDERS.map(withKeys),
    { PK: `CUSTOMER#${BIG_CUSTOMER}`, SK: 'PROFILE', name: 'Grace', email: 'grace@example.com' },
  ];
  // BatchWriteItem takes at most 25 puts per call; retry whatever comes back unprocessed.
  for (let i = 0; i < items.length; i += 25) {
    let pending: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
      [TABLE]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    while (pending && Object.keys(pending).length > 0) {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: pending }));
      pending = out.UnprocessedItems as typeof pending;
    }
  }
});
