// The Sessions table (partition key sessionId, stream NEW_AND_OLD_IMAGES), TTL not yet enabled,
// plus a session that has just expired (swept once TTL is on) and one legacy session whose expiresAt (epoch seconds) lies six years in the past: TTL ignores
// values more than five years old, so the sweeper never deletes it and reads must filter it out.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html
// Chapter 19.7.
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { defineFixture } from '../../engine/contracts/checks.ts';

export const TABLE = 'Sessions';
export const TTL_ATTRIBUTE = 'expiresAt';
export const LEGACY_ID = 'legacy-2020';
/** Expired a second before the fixture ran: swept soon after TTL is enabled (the stream task). */
export const TIMED_OUT_ID = 'timed-out';
const SIX_YEARS_S = 6 * 365 * 24 * 60 * 60;

export default defineFixture(async (ctx) => {
  const { client, doc } = ctx.dynamodb!;
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: 'sessionId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'sessionId', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  const expiresAt = Math.floor(Date.now() / 1000) - SIX_YEARS_S;
  await doc.send(new PutCommand({ TableName: TABLE, Item: { sessionId: LEGACY_ID, userId: 'u0', expiresAt } }));
  await doc.send(new PutCommand({ TableName: TABLE, Item: { sessionId: TIMED_OUT_ID, userId: 'u6', expiresAt: Math.floor(Date.now() / 1000) - 1 } }));
});
