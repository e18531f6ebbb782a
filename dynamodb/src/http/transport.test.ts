// The HTTP front end: targets, JSON errors, authentication (namespaces per access key and
// region, optional SigV4 verification), CORS, integrity headers, and a fuzz run that must
// never crash the server or answer anything but a proper AWS error.
import { CreateTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestServer, type TestServer } from '../testing.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ maxBodyBytes: 64 * 1024 });
});
afterAll(() => t.close());

const AUTH = 'AWS4-HMAC-SHA256 Credential=raw/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc';

async function raw(body: string | undefined, headers: Record<string, string> = {}, method = 'POST') {
  const res = await fetch(t.server.endpoint, {
    method,
    body,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.ListTables',
      authorization: AUTH,
      'x-amz-date': '20240101T000000Z',
      ...headers,
    },
  });
  const text = await res.text();
  return { status: res.status, text, headers: res.headers, json: (() => { try { return JSON.parse(text); } catch { return undefined; } })() };
}

describe('protocol', () => {
  it('answers a valid call with request id and a CRC32 of the body', async () => {
    const res = await raw('{}');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ TableNames: [] });
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[A-Z0-9]{52}$/);
    expect(res.headers.get('x-amz-crc32')).toBe(String(crc32(res.text)));
  });

  it('gives every response its own request id, errors included', async () => {
    // More requests than one refill of the id pool.
    const responses = await Promise.all(Array.from({ length: 120 }, (_, i) => raw(i % 3 ? '{}' : '{"a":')));
    const ids = responses.map((r) => r.headers.get('x-amzn-requestid'));
    for (const id of ids) expect(id).toMatch(/^[A-Z0-9]{52}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(responses.filter((r) => r.status === 400)).toHaveLength(40);
  });

  it('reports health on GET /', async () => {
    const res = await raw(undefined, {}, 'GET');
    expect(res.text).toBe('healthy: dynamodb.us-east-1.amazonaws.com ');
  });

  it.each([
    ['unknown target', '{}', { 'x-amz-target': 'DynamoDB_20120810.Nope' }, 'com.amazon.coral.service#UnknownOperationException'],
    ['missing target', '{}', { 'x-amz-target': '' }, 'com.amazon.coral.service#UnknownOperationException'],
    ['malformed JSON', '{"a":', {}, 'com.amazon.coral.service#SerializationException'],
    ['JSON array body', '[]', {}, 'com.amazon.coral.service#SerializationException'],
    ['missing authorization', '{}', { authorization: '' }, 'com.amazon.coral.service#MissingAuthenticationTokenException'],
    ['wrong field type', '{"Limit":"ten"}', {}, 'com.amazon.coral.service#SerializationException'],
  ])('%s → %s', async (_name, body, headers, type) => {
    const res = await raw(body, headers);
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe(type);
  });

  it('words type errors the way DynamoDB does', async () => {
    const res = await raw('{"Limit":"ten"}');
    expect(res.json.Message).toBe('STRING_VALUE cannot be converted to Integer');
  });

  it('prefixes validation errors with the validate namespace', async () => {
    const res = await raw('{"Limit":0}');
    expect(res.json).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message: "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
  });

  it('refuses oversized bodies with 413', async () => {
    const res = await raw(JSON.stringify({ x: 'y'.repeat(100 * 1024) }));
    expect(res.status).toBe(413);
  });

  it('sends no CORS headers unless enabled', async () => {
    const res = await raw('{}', { origin: 'http://example.com' });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('namespaces', () => {
  it('keeps tables apart per access key and per region', async () => {
    const create = (key: string, region: string) =>
      t.client(key, region).send(
        new CreateTableCommand({
          TableName: 'Shared',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    await create('alice', 'us-east-1');
    await create('bob', 'us-east-1');
    await create('alice', 'eu-west-1');
    expect((await t.client('carol').send(new ListTablesCommand({}))).TableNames).toEqual([]);
    const err = await errorOf(() => create('alice', 'us-east-1'));
    expect(err.name).toBe('ResourceInUseException');
    const arn = (await t.client('alice', 'eu-west-1').send(new CreateTableCommand({
      TableName: 'Other',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }))).TableDescription?.TableArn;
    expect(arn).toBe('arn:aws:dynamodb:eu-west-1:000000000000:table/Other');
  });
});

describe('signatures, regions and CORS', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ requireSignature: true, credentials: { good: 'topsecret' }, regions: ['us-east-1'], cors: true });
  });
  afterAll(() => s.close());

  it('accepts a correctly signed request', async () => {
    expect((await s.client('good').send(new ListTablesCommand({}))).TableNames).toEqual([]);
  });

  it('rejects a wrong secret and an unknown key', async () => {
    const wrong = s.client('good', 'us-east-1', { credentials: { accessKeyId: 'good', secretAccessKey: 'nope' } });
    const err = await errorOf(() => wrong.send(new ListTablesCommand({})));
    expect(err.name).toBe('InvalidSignatureException');
    expect(err.message).toMatch(/^The request signature we calculated does not match the signature you provided/);
    const unknown = await errorOf(() => s.client('stranger').send(new ListTablesCommand({})));
    expect(unknown.name).toBe('UnrecognizedClientException');
  });

  it('refuses a signature older than 15 minutes', async () => {
    const late = await startTestServer({ requireSignature: true, credentials: { good: 'topsecret' }, now: () => Date.now() + 20 * 60 * 1000 });
    const err = await errorOf(() => late.client('good').send(new ListTablesCommand({})));
    expect(err.name).toBe('InvalidSignatureException');
    expect(err.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
    await late.close();
  });

  it('refuses a region it does not serve', async () => {
    const err = await errorOf(() => s.client('good', 'ap-south-1').send(new ListTablesCommand({})));
    expect(err.name).toBe('UnrecognizedClientException');
  });

  it('answers CORS preflights and exposes the SDK headers', async () => {
    const pre = await fetch(s.server.endpoint, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:4321', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-amz-target,content-type' },
    });
    expect(pre.status).toBe(200);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:4321');
    expect(pre.headers.get('access-control-allow-headers')).toBe('x-amz-target,content-type');
    const res = await fetch(s.server.endpoint, { method: 'POST', headers: { origin: 'http://localhost:4321' }, body: '{}' });
    expect(res.headers.get('access-control-expose-headers')).toMatch(/x-amzn-RequestId/);
  });
});

describe('fuzz', () => {
  // Deterministic PRNG so a failure can be replayed.
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const ops = ['PutItem', 'GetItem', 'Query', 'Scan', 'CreateTable', 'UpdateItem', 'BatchWriteItem', 'TransactWriteItems', 'UpdateTable', 'DescribeTable'];
  const junk = (depth: number): unknown => {
    const r = rand();
    if (depth > 3 || r < 0.3) return pick([null, true, 1, -1.5, 'x', '', 'N', { S: 'a' }, { N: '1e400' }, { B: '!!' }, { SS: [] }, { M: { a: {} } }]);
    if (r < 0.6) return Array.from({ length: Math.floor(rand() * 4) }, () => junk(depth + 1));
    const keys = ['TableName', 'Key', 'Item', 'KeyConditionExpression', 'ExpressionAttributeValues', 'RequestItems', 'TransactItems', 'KeySchema', 'Limit', 'S', 'N', 'UpdateExpression', 'AttributeDefinitions'];
    return Object.fromEntries(Array.from({ length: Math.floor(rand() * 5) }, () => [pick(keys), junk(depth + 1)]));
  };

  it('answers 300 random requests with AWS errors and keeps serving', async () => {
    for (let i = 0; i < 300; i++) {
      const body = rand() < 0.1 ? '{"unterminated' : JSON.stringify(junk(0));
      const headers: Record<string, string> = { 'x-amz-target': `DynamoDB_20120810.${pick(ops)}` };
      if (rand() < 0.1) headers.authorization = pick(['', 'AWS4-HMAC-SHA256', 'Basic abc', 'AWS4-HMAC-SHA256 Credential=a/b']);
      if (rand() < 0.05) headers['content-type'] = 'text/plain';
      const res = await raw(body, headers);
      expect(res.status, body).toBeLessThan(500);
      if (res.status !== 200 && res.status !== 404) expect(res.json?.__type, body).toMatch(/^com\.amazon(aws\.dynamodb\.v20120810|\.coral\.(service|validate))#/);
    }
    expect((await raw('{}')).status).toBe(200);
  });

  it('survives mutated versions of valid requests against a real table', async () => {
    const ok = await raw(
      JSON.stringify({
        TableName: 'Fuzz',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }, { AttributeName: 'g', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
        GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
      { 'x-amz-target': 'DynamoDB_20120810.CreateTable' },
    );
    expect(ok.status).toBe(200);
    const tokens = ['pk', 'sk', 'g', '#n', ':v', ':w', '=', '<', 'BETWEEN', 'AND', 'OR', 'NOT', '(', ')', ',', 'SET', 'REMOVE', 'ADD', 'DELETE', '+', '-', 'size(', 'begins_with(', 'attribute_exists(', 'a.b', 'l[1]', 'if_not_exists(', 'list_append('];
    const expr = () => Array.from({ length: 1 + Math.floor(rand() * 7) }, () => pick(tokens)).join(' ');
    const value = () => pick([{ S: 'x' }, { N: '1' }, { N: 'abc' }, { SS: ['a'] }, { L: [] }, { M: {} }, { BOOL: true }, { NULL: true }, { B: 'AAAA' }, {}]);
    const key = () => (rand() < 0.7 ? { pk: { S: pick(['a', 'b', '']) }, sk: { N: pick(['1', '2', '-0', '1e2']) } } : { pk: value(), sk: value() });
    const templates: Array<[string, () => unknown]> = [
      ['PutItem', () => ({ TableName: 'Fuzz', Item: { ...key(), g: value(), a: value() }, ConditionExpression: rand() < 0.5 ? expr() : undefined, ExpressionAttributeValues: { ':v': value(), ':w': value() }, ExpressionAttributeNames: { '#n': 'a' } })],
      ['UpdateItem', () => ({ TableName: 'Fuzz', Key: key(), UpdateExpression: expr(), ExpressionAttributeValues: { ':v': value() }, ReturnValues: pick(['ALL_NEW', 'UPDATED_OLD', 'NONE', 'BOGUS']) })],
      ['Query', () => ({ TableName: 'Fuzz', IndexName: rand() < 0.3 ? 'byG' : undefined, KeyConditionExpression: rand() < 0.5 ? 'pk = :v' : expr(), FilterExpression: rand() < 0.3 ? expr() : undefined, ExpressionAttributeValues: { ':v': value(), ':w': value() }, Limit: pick([1, 0, 5, undefined]), ExclusiveStartKey: rand() < 0.3 ? key() : undefined, ScanIndexForward: rand() < 0.5 })],
      ['Scan', () => ({ TableName: 'Fuzz', FilterExpression: rand() < 0.5 ? expr() : undefined, ExpressionAttributeValues: { ':v': value() }, Segment: pick([0, 1, undefined]), TotalSegments: pick([2, undefined]), ExclusiveStartKey: rand() < 0.3 ? key() : undefined })],
      ['TransactWriteItems', () => ({ TransactItems: [{ Put: { TableName: 'Fuzz', Item: key() } }, { Update: { TableName: 'Fuzz', Key: key(), UpdateExpression: expr(), ExpressionAttributeValues: { ':v': value() } } }] })],
      ['BatchWriteItem', () => ({ RequestItems: { Fuzz: [{ PutRequest: { Item: key() } }, { DeleteRequest: { Key: key() } }] } })],
      ['BatchGetItem', () => ({ RequestItems: { Fuzz: { Keys: [key(), key()], ProjectionExpression: rand() < 0.5 ? expr() : undefined } } })],
    ];
    for (let i = 0; i < 250; i++) {
      const [op, make] = pick(templates);
      const body = JSON.stringify(make());
      const res = await raw(body, { 'x-amz-target': `DynamoDB_20120810.${op}` });
      expect(res.status, `${op} ${body}`).toBeLessThan(500);
      if (res.status !== 200) expect(res.json?.__type, body).toMatch(/#[A-Za-z]+Exception$/);
    }
  });
});
