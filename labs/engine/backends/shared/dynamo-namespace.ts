// A learner's DynamoDB namespace: its own access key id. Both our emulator and DynamoDB Local
// keep tables per access key id (and region), so learners never see each other's tables.
// The learner talks through the recording proxy; the checks' clients go straight to the
// endpoint, so their own requests are not recorded as the learner's.
import { DeleteTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LearnerId } from '../../api.ts';
import type { Namespace } from '../provider.ts';
import { createHmac, randomBytes } from 'node:crypto';
import { secret } from '../naming.ts';
import type { RecordingProxy } from './recording-proxy.ts';

export const REGION = 'us-east-1';

// DynamoDB Local and the emulator do not check signatures, so the access key id is the only
// thing between learners: derive it with a per-engine secret, never from the learner id alone.
const KEY_SALT = randomBytes(32);

function accessKeyIdFor(learner: LearnerId): string {
  return `KS${createHmac('sha256', KEY_SALT).update(learner).digest('hex').slice(0, 18).toUpperCase()}`;
}

async function deleteAllTables(client: DynamoDBClient): Promise<void> {
  let start: string | undefined;
  const names: string[] = [];
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    names.push(...(page.TableNames ?? []));
    start = page.LastEvaluatedTableName;
  } while (start);
  await Promise.all(names.map((TableName) => client.send(new DeleteTableCommand({ TableName })).catch(() => undefined)));
}

export function dynamoNamespace(endpoint: string, proxy: RecordingProxy, learner: LearnerId): Namespace {
  const accessKeyId = accessKeyIdFor(learner);
  const secretAccessKey = secret();
  const client = new DynamoDBClient({ endpoint, region: REGION, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 2 });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    env: { DYNAMODB_ENDPOINT: proxy.endpoint, AWS_REGION: REGION, AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey },
    clients: { dynamodb: { client, doc, operations: () => [...proxy.operations(accessKeyId)] } },
    async reset() {
      await deleteAllTables(client);
      proxy.clear(accessKeyId);
    },
    async close() {
      client.destroy();
    },
  };
}
