// PutItem / GetItem / UpdateItem / DeleteItem through the AWS SDK v3: conditions, ReturnValues,
// key and item validation, legacy parameters. Expectations from the API reference.
import {
  CreateTableCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestServer, type TestServer } from '../testing.ts';

let t: TestServer;
const c = () => t.client('crud');
beforeAll(async () => {
  t = await startTestServer();
  await c().send(
    new CreateTableCommand({
      TableName: 'Items',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
});
afterAll(() => t.close());

const key = (pk: string, sk: number) => ({ pk: { S: pk }, sk: { N: String(sk) } });

describe('PutItem / GetItem', () => {
  it('round-trips every attribute type and canonicalises numbers', async () => {
    const item = {
      ...key('types', 1),
      s: { S: 'héllo' },
      n: { N: '010.500' },
      b: { B: new Uint8Array([1, 2, 3]) },
      bool: { BOOL: false },
      nul: { NULL: true },
      l: { L: [{ S: 'a' }, { N: '1' }] },
      m: { M: { deep: { SS: ['x', 'y'] } } },
      ns: { NS: ['1', '2.0'] },
    };
    await c().send(new PutItemCommand({ TableName: 'Items', Item: item }));
    const got = (await c().send(new GetItemCommand({ TableName: 'Items', Key: key('types', 1), ConsistentRead: true }))).Item!;
    expect(got.n).toEqual({ N: '10.5' });
    expect(got.ns?.NS?.sort()).toEqual(['1', '2']);
    expect(got.b?.B).toEqual(new Uint8Array([1, 2, 3]));
    expect(got.m).toEqual({ M: { deep: { SS: ['x', 'y'] } } });
    expect(got.nul).toEqual({ NULL: true });
  });

  it('returns nothing for a missing item and projects with ProjectionExpression', async () => {
    expect((await c().send(new GetItemCommand({ TableName: 'Items', Key: key('none', 1) }))).Item).toBeUndefined();
    const got = await c().send(
      new GetItemCommand({ TableName: 'Items', Key: key('types', 1), ProjectionExpression: '#s, m.deep', ExpressionAttributeNames: { '#s': 's' } }),
    );
    expect(got.Item).toEqual({ s: { S: 'héllo' }, m: { M: { deep: { SS: ['x', 'y'] } } } });
  });

  it('honours legacy AttributesToGet and refuses mixing it with expressions', async () => {
    const got = await c().send(new GetItemCommand({ TableName: 'Items', Key: key('types', 1), AttributesToGet: ['s'] }));
    expect(got.Item).toEqual({ s: { S: 'héllo' } });
    const err = await errorOf(() =>
      c().send(new GetItemCommand({ TableName: 'Items', Key: key('types', 1), AttributesToGet: ['s'], ProjectionExpression: 's' })),
    );
    expect(err.message).toBe(
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}',
    );
  });

  it.each([
    ['missing key attribute', { pk: { S: 'a' } }, 'One or more parameter values were invalid: Missing the key sk in the item'],
    ['wrong key type', { pk: { S: 'a' }, sk: { S: '1' } }, 'One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S'],
    ['wrong index key type', { ...key('a', 1), g: { N: '1' } }, 'One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N IndexName: byG'],
    ['empty string key', { pk: { S: '' }, sk: { N: '1' } }, 'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk'],
    ['empty set', { ...key('a', 1), s: { SS: [] } }, 'One or more parameter values were invalid: An string set  may not be empty'],
    ['duplicate set members', { ...key('a', 1), s: { SS: ['a', 'a'] } }, 'One or more parameter values were invalid: Input collection [a, a] contains duplicates.'],
    ['number with 39 digits', { ...key('a', 1), n: { N: '1'.repeat(39) } }, 'Attempting to store more than 38 significant digits in a Number'],
    ['bad number', { ...key('a', 1), n: { N: 'abc' } }, 'The parameter cannot be converted to a numeric value: abc'],
    ['item over 400 KB', { ...key('a', 1), big: { S: 'x'.repeat(400 * 1024) } }, 'Item size has exceeded the maximum allowed size'],
  ])('rejects %s', async (_name, item, message) => {
    const err = await errorOf(() => c().send(new PutItemCommand({ TableName: 'Items', Item: item as never })));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe(message);
  });

  it('rejects a Key that does not match the schema', async () => {
    const err = await errorOf(() => c().send(new GetItemCommand({ TableName: 'Items', Key: { pk: { S: 'a' } } })));
    expect(err.message).toBe('The provided key element does not match the schema');
  });

  it('answers ResourceNotFoundException for an unknown table', async () => {
    const err = await errorOf(() => c().send(new GetItemCommand({ TableName: 'Nope', Key: key('a', 1) })));
    expect(err.name).toBe('ResourceNotFoundException');
  });
});

describe('conditions and ReturnValues', () => {
  it('put-if-absent with attribute_not_exists, ALL_OLD on overwrite', async () => {
    const put = (v: string) =>
      c().send(new PutItemCommand({ TableName: 'Items', Item: { ...key('cond', 1), v: { S: v } }, ConditionExpression: 'attribute_not_exists(pk)' }));
    await put('first');
    const err = await errorOf(() => put('second'));
    expect(err.name).toBe('ConditionalCheckFailedException');
    expect(err.message).toBe('The conditional request failed');
    const over = await c().send(new PutItemCommand({ TableName: 'Items', Item: { ...key('cond', 1), v: { S: 'third' } }, ReturnValues: 'ALL_OLD' }));
    expect(over.Attributes?.v).toEqual({ S: 'first' });
  });

  it('returns the old item on failure with ReturnValuesOnConditionCheckFailure', async () => {
    const err = await errorOf(() =>
      c().send(
        new DeleteItemCommand({
          TableName: 'Items',
          Key: key('cond', 1),
          ConditionExpression: 'v = :x',
          ExpressionAttributeValues: { ':x': { S: 'nope' } },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    expect(err.name).toBe('ConditionalCheckFailedException');
    expect((err as { Item?: unknown }).Item).toEqual({ ...key('cond', 1), v: { S: 'third' } });
  });

  it('rejects ReturnValues other than NONE/ALL_OLD on PutItem', async () => {
    const err = await errorOf(() => c().send(new PutItemCommand({ TableName: 'Items', Item: key('rv', 1), ReturnValues: 'ALL_NEW' })));
    expect(err.message).toBe('ReturnValues can only be ALL_OLD or NONE');
  });

  it('reports unused expression attribute values', async () => {
    const err = await errorOf(() =>
      c().send(
        new PutItemCommand({
          TableName: 'Items',
          Item: key('rv', 1),
          ConditionExpression: 'attribute_not_exists(pk)',
          ExpressionAttributeValues: { ':unused': { S: 'x' } },
        }),
      ),
    );
    expect(err.message).toBe('Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}');
  });

  it('supports legacy Expected', async () => {
    await c().send(new PutItemCommand({ TableName: 'Items', Item: { ...key('legacy', 1), v: { N: '1' } } }));
    const err = await errorOf(() =>
      c().send(new PutItemCommand({ TableName: 'Items', Item: key('legacy', 1), Expected: { v: { Value: { N: '2' } } } })),
    );
    expect(err.name).toBe('ConditionalCheckFailedException');
    await c().send(new PutItemCommand({ TableName: 'Items', Item: key('legacy', 1), Expected: { v: { ComparisonOperator: 'EQ', AttributeValueList: [{ N: '1' }] } } }));
    expect((await c().send(new GetItemCommand({ TableName: 'Items', Key: key('legacy', 1) }))).Item).toEqual(key('legacy', 1));
  });
});

describe('UpdateItem', () => {
  it('creates the item on first update (upsert) and counts atomically', async () => {
    const inc = () =>
      c().send(
        new UpdateItemCommand({
          TableName: 'Items',
          Key: key('counter', 1),
          UpdateExpression: 'ADD hits :one SET #t = :t',
          ExpressionAttributeNames: { '#t': 'type' },
          ExpressionAttributeValues: { ':one': { N: '1' }, ':t': { S: 'page' } },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
    expect((await inc()).Attributes).toEqual({ hits: { N: '1' }, type: { S: 'page' } });
    await Promise.all([inc(), inc(), inc()]);
    const got = await c().send(new GetItemCommand({ TableName: 'Items', Key: key('counter', 1) }));
    expect(got.Item?.hits).toEqual({ N: '4' });
  });

  it('returns UPDATED_OLD / ALL_OLD / ALL_NEW as documented', async () => {
    await c().send(new PutItemCommand({ TableName: 'Items', Item: { ...key('rv2', 1), a: { N: '1' }, b: { S: 'keep' } } }));
    const upd = (rv: 'UPDATED_OLD' | 'ALL_OLD' | 'ALL_NEW', v: string) =>
      c().send(
        new UpdateItemCommand({
          TableName: 'Items',
          Key: key('rv2', 1),
          UpdateExpression: 'SET a = :v',
          ExpressionAttributeValues: { ':v': { N: v } },
          ReturnValues: rv,
        }),
      );
    expect((await upd('UPDATED_OLD', '2')).Attributes).toEqual({ a: { N: '1' } });
    expect((await upd('ALL_OLD', '3')).Attributes).toEqual({ ...key('rv2', 1), a: { N: '2' }, b: { S: 'keep' } });
    expect((await upd('ALL_NEW', '4')).Attributes).toEqual({ ...key('rv2', 1), a: { N: '4' }, b: { S: 'keep' } });
  });

  it('refuses to update key attributes', async () => {
    const err = await errorOf(() =>
      c().send(new UpdateItemCommand({ TableName: 'Items', Key: key('k', 1), UpdateExpression: 'SET pk = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } })),
    );
    expect(err.message).toBe('One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key');
  });

  it('checks the condition against the current item', async () => {
    const err = await errorOf(() =>
      c().send(
        new UpdateItemCommand({
          TableName: 'Items',
          Key: key('counter', 1),
          UpdateExpression: 'SET hits = hits - :one',
          ConditionExpression: 'hits > :max',
          ExpressionAttributeValues: { ':one': { N: '1' }, ':max': { N: '100' } },
        }),
      ),
    );
    expect(err.name).toBe('ConditionalCheckFailedException');
  });

  it('ignores REMOVE of a nested path when the update creates the item', async () => {
    const res = await c().send(
      new UpdateItemCommand({
        TableName: 'Items',
        Key: key('new-remove', 1),
        UpdateExpression: 'SET a = :v REMOVE m.x, l[2]',
        ExpressionAttributeValues: { ':v': { S: 'set' } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    expect(res.Attributes).toEqual({ ...key('new-remove', 1), a: { S: 'set' } });
    // On an existing item the same nested path (m is absent) is still invalid.
    const err = await errorOf(() =>
      c().send(new UpdateItemCommand({ TableName: 'Items', Key: key('new-remove', 1), UpdateExpression: 'REMOVE m.x' })),
    );
    expect(err.message).toBe('The document path provided in the update expression is invalid for update');
  });

  it('supports legacy AttributeUpdates', async () => {
    await c().send(new UpdateItemCommand({ TableName: 'Items', Key: key('lu', 1), AttributeUpdates: { n: { Action: 'ADD', Value: { N: '5' } }, s: { Action: 'PUT', Value: { S: 'x' } } } }));
    const got = await c().send(new GetItemCommand({ TableName: 'Items', Key: key('lu', 1) }));
    expect(got.Item).toEqual({ ...key('lu', 1), n: { N: '5' }, s: { S: 'x' } });
  });
});

describe('DeleteItem', () => {
  it('deletes, returning the old item, and is a no-op for a missing item', async () => {
    await c().send(new PutItemCommand({ TableName: 'Items', Item: { ...key('del', 1), v: { S: 'x' } } }));
    const res = await c().send(new DeleteItemCommand({ TableName: 'Items', Key: key('del', 1), ReturnValues: 'ALL_OLD' }));
    expect(res.Attributes?.v).toEqual({ S: 'x' });
    const again = await c().send(new DeleteItemCommand({ TableName: 'Items', Key: key('del', 1), ReturnValues: 'ALL_OLD' }));
    expect(again.Attributes).toBeUndefined();
  });
});

describe('lib-dynamodb document client', () => {
  it('works end to end with native JS values', async () => {
    const doc = DynamoDBDocumentClient.from(c());
    await doc.send(new PutCommand({ TableName: 'Items', Item: { pk: 'doc', sk: 1, tags: new Set(['a', 'b']), nested: { arr: [1, 'two'] } } }));
    await doc.send(new UpdateCommand({ TableName: 'Items', Key: { pk: 'doc', sk: 1 }, UpdateExpression: 'SET nested.arr[0] = :v', ExpressionAttributeValues: { ':v': 42 } }));
    const got = await doc.send(new GetCommand({ TableName: 'Items', Key: { pk: 'doc', sk: 1 } }));
    expect(got.Item).toEqual({ pk: 'doc', sk: 1, tags: new Set(['a', 'b']), nested: { arr: [42, 'two'] } });
  });
});
