// The embedded DynamoDB namespace records the learner's operations from the emulator's own log:
// a request sent straight to the emulator, by any route, shows up in operations(); the checks'
// own requests do not; the checks' listener refuses requests without the engine's secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, GetItemCommand, ScanCommand, TransactWriteItemsCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import type { LearnerEnv } from '../../contracts/checks.ts';
import type { Namespace } from '../provider.ts';
import { EmbeddedDynamoService } from './dynamodb.ts';

const service = new EmbeddedDynamoService();
let ns: Namespace;
let env: LearnerEnv;

beforeAll(async () => {
  await service.start();
  ns = await service.namespace('learner-ops');
  env = ns.env;
});
afterAll(async () => {
  await service.stop();
});

/** A hand-made request (no SDK, no signature check in the emulator): what a learner could send over raw TCP. */
/** Status and body. */
function rawRequest(endpoint: string, target: string, body: unknown, headers: Record<string, string> = {}): Promise<string> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `DynamoDB_20120810.${target}`,
          'x-amz-date': '20260101T000000Z',
          authorization: `AWS4-HMAC-SHA256 Credential=${env.AWS_ACCESS_KEY_ID}/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00`,
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => resolve(`${res.statusCode} ${text}`));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('embedded DynamoDB operations()', () => {
  it('records a direct request to the emulator, with its body, and not the checks\' own requests', async () => {
    await ns.reset();
    const dynamo = ns.clients.dynamodb!;
    await dynamo.client.send(
      new CreateTableCommand({
        TableName: 'Things',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    expect(dynamo.operations()).toEqual([]);

    // The learner's endpoint is the emulator itself; this request goes around any proxy.
    expect(env.DYNAMODB_ENDPOINT).toBe(service.endpoint);
    expect(await rawRequest(service.endpoint, 'Scan', { TableName: 'Things', Limit: 5 })).toMatch(/^200 /);
    const learner = new DynamoDBClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: 'anything' } });
    await expect(learner.send(new ScanCommand({ TableName: 'Missing' }))).rejects.toThrow();
    learner.destroy();
    await dynamo.client.send(new ScanCommand({ TableName: 'Things' }));

    const ops = dynamo.operations();
    expect(ops.map((o) => [o.operation, o.table, o.status])).toEqual([
      ['Scan', 'Things', 200],
      ['Scan', 'Missing', 400],
    ]);
    expect(ops[0].request).toEqual({ TableName: 'Things', Limit: 5 });
    expect(ops[0]).toMatchObject({ count: 0, scannedCount: 0 });
    expect(ops[1].error).toBe('ResourceNotFoundException');

    await ns.reset();
    expect(dynamo.operations()).toEqual([]);
  });

  it('reset forgets ClientRequestTokens: a resubmitted transaction runs again on the fresh tables', async () => {
    const dynamo = ns.clients.dynamodb!;
    const learner = new DynamoDBClient({ endpoint: env.DYNAMODB_ENDPOINT, region: env.AWS_REGION, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: 'x' } });
    const attempt = async () => {
      await learner.send(
        new CreateTableCommand({
          TableName: 'Accounts',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      await learner.send(
        new TransactWriteItemsCommand({ ClientRequestToken: 'same-token', TransactItems: [{ Put: { TableName: 'Accounts', Item: { pk: { S: 'a' } } } }] }),
      );
      return (await dynamo.client.send(new GetItemCommand({ TableName: 'Accounts', Key: { pk: { S: 'a' } } }))).Item;
    };
    await ns.reset();
    expect(await attempt()).toEqual({ pk: { S: 'a' } });
    await ns.reset();
    expect(await attempt()).toEqual({ pk: { S: 'a' } });
    learner.destroy();
  });

  it('reports a GSI added by UpdateTable as CREATING (backfilling) before ACTIVE', async () => {
    await ns.reset();
    const dynamo = ns.clients.dynamodb!;
    await dynamo.client.send(
      new CreateTableCommand({
        TableName: 'Things',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const res = await dynamo.client.send(
      new UpdateTableCommand({
        TableName: 'Things',
        AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }],
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }],
      }),
    );
    expect(res.TableDescription?.TableStatus).toBe('ACTIVE');
    expect(res.TableDescription?.GlobalSecondaryIndexes?.[0]).toMatchObject({ IndexStatus: 'CREATING', Backfilling: true });
    let status: string | undefined;
    do {
      const d = await dynamo.client.send(new DescribeTableCommand({ TableName: 'Things' }));
      status = d.Table?.GlobalSecondaryIndexes?.[0]?.IndexStatus;
    } while (status !== 'ACTIVE');
    await ns.reset();
  });

  it("refuses the checks' listener without the engine's secret", async () => {
    const other = await service.namespace('learner-other');
    const admin = (other.clients.dynamodb!.client.config.endpoint as unknown as () => Promise<{ hostname: string; port?: number }>);
    const { hostname, port } = await admin();
    expect(await rawRequest(`http://${hostname}:${port}`, 'ListTables', {})).toMatch(/^403 /);
    expect(await rawRequest(`http://${hostname}:${port}`, 'ListTables', {}, { 'x-keyspace-admin': 'guess' })).toMatch(/^403 /);
  });
});
