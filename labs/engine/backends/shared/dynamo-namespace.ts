// A learner's DynamoDB namespace: its own access key id. Both our emulator and DynamoDB Local
// keep tables per access key id (and region), so learners never see each other's tables.
// `routes` says where the learner and the checks connect and where the learner's operations are
// recorded: the emulator's own log (embedded) or the recording proxy (docker); either way the
// checks' own requests are not recorded as the learner's.
import { DeleteTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LearnerId } from '../../api.ts';
import type { Namespace } from '../provider.ts';
import { createHmac, randomBytes } from 'node:crypto';
import { secret } from '../naming.ts';
import type { DynamoOperation } from '../../contracts/checks.ts';

export interface DynamoRoutes {
  /** The endpoint the learner's code is given. */
  learnerEndpoint: string;
  /** The endpoint the checks' clients use. */
  adminEndpoint: string;
  /** Headers the checks' clients add to every request. */
  adminHeaders?: Record<string, string>;
  /** The learner's recorded operations, per access key id. */
  log: { operations(accessKeyId: string): DynamoOperation[]; clear(accessKeyId: string): void };
}

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

function addHeaders(client: DynamoDBClient, headers: Record<string, string>): void {
  client.middlewareStack.add(
    (next) => (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) Object.assign(request.headers, headers);
      return next(args);
    },
    { step: 'build', name: 'keyspaceAdminHeaders' },
  );
}

export function dynamoNamespace(routes: DynamoRoutes, learner: LearnerId): Namespace {
  const accessKeyId = accessKeyIdFor(learner);
  const secretAccessKey = secret();
  const { log } = routes;
  const client = new DynamoDBClient({ endpoint: routes.adminEndpoint, region: REGION, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 2 });
  if (routes.adminHeaders) addHeaders(client, routes.adminHeaders);
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    env: { DYNAMODB_ENDPOINT: routes.learnerEndpoint, AWS_REGION: REGION, AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey },
    clients: { dynamodb: { client, doc, operations: () => [...log.operations(accessKeyId)] } },
    async reset() {
      await deleteAllTables(client);
      log.clear(accessKeyId);
    },
    async close() {
      client.destroy();
    },
  };
}
