// Three tables: Events (PROVISIONED, 3 WCU), Archive (on-demand) and Frozen (PROVISIONED,
// 1 WCU), all keyed by pk (S). The checks spend the provisioned tables' burst credit themselves,
// right before they call the learner, so the learner's first requests meet an empty bucket.
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { defineFixture } from '../../engine/contracts/checks.ts';

export const EVENTS = 'Events';
export const ARCHIVE = 'Archive';
export const FROZEN = 'Frozen';
export const EVENTS_WCU = 3;

const keyed = { AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' as const }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' as const }] };

export default defineFixture(async (ctx) => {
  const { client } = ctx.dynamodb!;
  await client.send(new CreateTableCommand({ TableName: EVENTS, ...keyed, BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: EVENTS_WCU } }));
  await client.send(new CreateTableCommand({ TableName: ARCHIVE, ...keyed, BillingMode: 'PAY_PER_REQUEST' }));
  await client.send(new CreateTableCommand({ TableName: FROZEN, ...keyed, BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }));
});
