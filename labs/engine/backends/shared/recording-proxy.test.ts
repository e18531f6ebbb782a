// The recording proxy in front of the DynamoDB emulator: learner requests are forwarded
// unchanged and recorded per access key id, with Count/ScannedCount of Query/Scan answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTableCommand, DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { startDynamo } from '../../../../dynamodb/src/server.ts';
import { RecordingProxy } from './recording-proxy.ts';

let server: Awaited<ReturnType<typeof startDynamo>>;
let proxy: RecordingProxy;
const client = (key: string) => new DynamoDBClient({ endpoint: proxy.endpoint, region: 'us-east-1', credentials: { accessKeyId: key, secretAccessKey: 's' } });

beforeAll(async () => {
  server = await startDynamo({ port: 0 });
  proxy = new RecordingProxy(server.endpoint);
  await proxy.start();
});
afterAll(async () => {
  await proxy?.stop();
  await server?.close();
});

describe('RecordingProxy', () => {
  it('forwards requests and records them per access key id', async () => {
    const a = client('AKIDALICE');
    await a.send(
      new CreateTableCommand({
        TableName: 'Things',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await a.send(new PutItemCommand({ TableName: 'Things', Item: { pk: { S: 'x' } } }));
    const q = await a.send(new QueryCommand({ TableName: 'Things', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'x' } } }));
    expect(q.Count).toBe(1);
    const ops = proxy.operations('AKIDALICE');
    expect(ops.map((o) => o.operation)).toEqual(['CreateTable', 'PutItem', 'Query']);
    expect(ops[2]).toMatchObject({ table: 'Things', status: 200, count: 1, scannedCount: 1 });
    expect(ops[2].request.KeyConditionExpression).toBe('pk = :p');
    expect(proxy.operations('AKIDBOB')).toEqual([]);
  });

  it('records failed requests with their status', async () => {
    await expect(client('AKIDBOB').send(new PutItemCommand({ TableName: 'Missing', Item: { pk: { S: 'x' } } }))).rejects.toThrow();
    expect(proxy.operations('AKIDBOB')).toMatchObject([{ operation: 'PutItem', table: 'Missing', status: 400 }]);
    proxy.clear('AKIDBOB');
    expect(proxy.operations('AKIDBOB')).toEqual([]);
  });
});
