// The Visits table (pk S, sk S, on-demand) in us-east-1, the learner's home region. A replica
// left in eu-west-1 by a previous session is deleted first: the engine's reset only empties the
// home region. Chapter 19.8.
import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { defineFixture } from '../../engine/contracts/checks.ts';
import { clientIn } from './regions.ts';

export const TABLE = 'Visits';
export const HOME = 'us-east-1';
export const REPLICA = 'eu-west-1';

export default defineFixture(async (ctx) => {
  const eu = clientIn(ctx.env, REPLICA);
  try {
    await eu.send(new DeleteTableCommand({ TableName: TABLE })).catch((e: Error) => {
      if (e.name !== 'ResourceNotFoundException') throw e;
    });
  } finally {
    eu.destroy();
  }
  await ctx.dynamodb!.client.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      // Replicas need on-demand (or auto-scaled) write capacity.
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
});
