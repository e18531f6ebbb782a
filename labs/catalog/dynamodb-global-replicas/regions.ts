// A client of the learner's namespace signed for another region. The engine's admin client is
// pinned to the home region, so the checks reach the replica region through the learner's own
// endpoint and credentials (these requests appear in the learner's operation log: checks that
// count the learner's requests do so before making any).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LearnerEnv } from '../../engine/contracts/checks.ts';

export function clientIn(env: LearnerEnv, region: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: env.DYNAMODB_ENDPOINT,
    region,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '' },
    maxAttempts: 2,
  });
}

export function docIn(env: LearnerEnv, region: string): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(clientIn(env, region));
}
