// The shop's Orders table, keyed for "a customer's orders" (PK = CUSTOMER#<id>, SK = ORDER#<placedAt>),
// with two global secondary indexes already in place:
//   ByOrderNo        orderNo (HASH), KEYS_ONLY: the public order number → the order's table key.
//   OpenByWarehouse  warehouse (HASH) + openSince (RANGE), INCLUDE orderNo/status/total: a sparse
//                    index, because only open orders carry `openSince`.
// The learner adds the third one (ByStatus) with UpdateTable. 48 deterministic orders.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { defineFixture } from '../../engine/contracts/checks.ts';

export const TABLE = 'Orders';
export const STATUSES = ['PLACED', 'PACKED', 'SHIPPED', 'DELIVERED', 'CANCELLED'] as const;
export type Status = (typeof STATUSES)[number];
/** Open = not shipped yet: these are the orders a warehouse still has to pick. */
export const OPEN: readonly Status[] = ['PLACED', 'PACKED'];
export const WAREHOUSES = ['OSLO', 'BERLIN'] as const;

export interface SeedOrder {
  customerId: string;
  orderNo: string;
  placedAt: string;
  status: Status;
  warehouse: string;
  total: number;
  lines: { sku: string; qty: number }[];
}

/** Order i: customers C1..C9, one order every 7 hours from 2024-03-01, statuses and warehouses interleaved. */
export function seedOrder(i: number): SeedOrder {
  const placedAt = new Date(Date.UTC(2024, 2, 1) + i * 7 * 3_600_000).toISOString().slice(0, 19) + 'Z';
  return {
    customerId: `C${1 + ((i * 5) % 9)}`,
    orderNo: `ORD-${String(10_007 + i * 13)}`,
    placedAt,
    status: STATUSES[(i * 3 + (i >> 2)) % STATUSES.length]!,
    warehouse: WAREHOUSES[(i * 7) % 3 === 0 ? 1 : 0]!,
    total: 5 + ((i * 37) % 190) + (i % 4) / 4,
    lines: [{ sku: `SKU-${100 + (i % 11)}`, qty: 1 + (i % 3) }],
  };
}
export const ORDER_COUNT = 48;
export const SEED = Array.from({ length: ORDER_COUNT }, (_, i) => seedOrder(i));

/** The stored item: table keys, the order, and `openSince` only while the order is open. */
export function toItem(o: SeedOrder): Record<string, unknown> {
  return { PK: `CUSTOMER#${o.customerId}`, SK: `ORDER#${o.placedAt}`, ...o, ...(OPEN.includes(o.status) ? { openSince: o.placedAt } : {}) };
}

export default defineFixture(async (ctx) => {
  const { client, doc } = ctx.dynamodb!;
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
        { AttributeName: 'orderNo', AttributeType: 'S' },
        { AttributeName: 'warehouse', AttributeType: 'S' },
        { AttributeName: 'openSince', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        { IndexName: 'ByOrderNo', KeySchema: [{ AttributeName: 'orderNo', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
        {
          IndexName: 'OpenByWarehouse',
          KeySchema: [
            { AttributeName: 'warehouse', KeyType: 'HASH' },
            { AttributeName: 'openSince', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['orderNo', 'status', 'total'] },
        },
      ],
    }),
  );
  const items = SEED.map(toItem);
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
