// The Events table (partition key deviceId, sort key createdAt as an ISO-8601 string), TTL not
// enabled yet, with ~1.2 MB of events so a Scan takes two pages (1 MB each,
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html#Scan.Pagination):
//   d1, d2  EVENTS_PER_DEVICE events each, one a day going back from today, no expiresAt;
//   d1      HOLDS of them carry an expiresAt ten years ahead (a legal hold);
//   d3      ANCIENT events from seven years ago: createdAt + 90 days is still > 5 years past,
//           a value TTL ignores. Chapter 19.7.
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { defineFixture } from '../../engine/contracts/checks.ts';

export const TABLE = 'Events';
export const RETENTION_DAYS = 90;
export const DAY_S = 86_400;
export const EVENTS_PER_DEVICE = 150;
export const HOLDS = 3;
export const ANCIENT = 4;
const PAYLOAD = 'x'.repeat(4000);

export default defineFixture(async (ctx) => {
  const { client, doc } = ctx.dynamodb!;
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [
        { AttributeName: 'deviceId', AttributeType: 'S' },
        { AttributeName: 'createdAt', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'deviceId', KeyType: 'HASH' },
        { AttributeName: 'createdAt', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const items: Record<string, unknown>[] = [];
  for (const deviceId of ['d1', 'd2']) {
    for (let i = 0; i < EVENTS_PER_DEVICE; i++) {
      // Half a day off the boundary, so no event expires while the checks run.
      const item: Record<string, unknown> = { deviceId, createdAt: iso(now - (i + 0.5) * DAY_S * 1000), reading: i, payload: PAYLOAD };
      if (deviceId === 'd1' && i >= 100 && i < 100 + HOLDS) {
        item.legalHold = true;
        item.expiresAt = Math.floor(now / 1000) + 10 * 365 * DAY_S;
      }
      items.push(item);
    }
  }
  for (let i = 0; i < ANCIENT; i++) items.push({ deviceId: 'd3', createdAt: iso(now - (7 * 365 + i) * DAY_S * 1000), reading: i, payload: 'old' });
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
