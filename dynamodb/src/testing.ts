// Test support: a server on 127.0.0.1:0 and SDK v3 clients bound to it. Clients never retry,
// so a test sees exactly the error the server answered.

import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { startDynamo, type DynamoOptions, type DynamoServer } from './server.ts';

export interface TestServer {
  server: DynamoServer;
  client(accessKeyId?: string, region?: string, extra?: Partial<DynamoDBClientConfig>): DynamoDBClient;
  close(): Promise<void>;
}

export async function startTestServer(options: DynamoOptions = {}): Promise<TestServer> {
  const server = await startDynamo({ port: 0, host: '127.0.0.1', ...options });
  const clients: DynamoDBClient[] = [];
  return {
    server,
    client(accessKeyId = 'test', region = 'us-east-1', extra = {}) {
      const c = new DynamoDBClient({
        endpoint: server.endpoint,
        region,
        credentials: { accessKeyId, secretAccessKey: options.credentials?.[accessKeyId] ?? 'secret' },
        maxAttempts: 1,
        ...extra,
      });
      clients.push(c);
      return c;
    },
    async close() {
      for (const c of clients) c.destroy();
      await server.close();
    },
  };
}

/** Runs `fn` and returns the error it throws (fails when it does not throw). */
export async function errorOf(fn: () => Promise<unknown>): Promise<Error & { name: string; [k: string]: unknown }> {
  try {
    await fn();
  } catch (err) {
    return err as Error & { name: string; [k: string]: unknown };
  }
  throw new Error('expected an error');
}
