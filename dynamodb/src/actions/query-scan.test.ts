// Query and Scan through the AWS SDK v3: key conditions, ordering (N numeric, S by UTF-8
// bytes, B bytewise), ScanIndexForward, Limit/paging, filters (Count vs ScannedCount), Select,
// indexes with projections, the 1 MB page limit, parallel scan segments.
import {
  paginateQuery,
  paginateScan,
  BatchWriteItemCommand,
  CreateTableCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  type AttributeValue,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestServer, type TestServer } from '../testing.ts';

let t: TestServer;
const c = () => t.client('qs');

async function putAll(table: string, items: Record<string, AttributeValue>[]) {
  for (let i = 0; i < items.length; i += 25) {
    await c().send(new BatchWriteItemCommand({ RequestItems: { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}

beforeAll(async () => {
  t = await startTestServer();
  await c().send(
    new CreateTableCommand({
      TableName: 'Events',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'n', AttributeType: 'N' },
        { AttributeName: 'kind', AttributeType: 'S' },
        { AttributeName: 'at', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'n', KeyType: 'RANGE' },
      ],
      LocalSecondaryIndexes: [
        { IndexName: 'byAt', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'at', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byKind',
          KeySchema: [{ AttributeName: 'kind', KeyType: 'HASH' }, { AttributeName: 'at', KeyType: 'RANGE' }],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['note'] },
        },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  // Numbers chosen so string order differs from numeric order.
  const nums = ['-10', '-2.5', '0', '1', '2', '9', '10', '100', '1e3'];
  await putAll(
    'Events',
    nums.map((n, i) => ({
      pk: { S: 'p1' },
      n: { N: n },
      at: { N: String(100 - i) },
      kind: { S: i % 2 ? 'odd' : 'even' },
      note: { S: `note${i}` },
      secret: { S: 'hidden' },
    })),
  );
  await c().send(
    new CreateTableCommand({
      TableName: 'Strings',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  // UTF-8 byte order: 'Z' < 'a' < 'é' (C3 A9) < '\uFFFD' (EF BF BD) < '😀' (F0 ...)
  await putAll('Strings', ['😀', 'a', 'Z', '\uFFFD', 'é', 'ab', 'b#1', 'b#2', 'b#10', 'c'].map((sk) => ({ pk: { S: 's' }, sk: { S: sk } })));
});
afterAll(() => t.close());

const q = (input: Partial<QueryCommandInput>) =>
  c().send(new QueryCommand({ TableName: 'Events', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p1' } }, ...input }));

describe('Query ordering and ranges', () => {
  it('orders numbers numerically, forwards and backwards', async () => {
    const fwd = await q({});
    expect(fwd.Items?.map((i) => i.n?.N)).toEqual(['-10', '-2.5', '0', '1', '2', '9', '10', '100', '1000']);
    const back = await q({ ScanIndexForward: false });
    expect(back.Items?.map((i) => i.n?.N)).toEqual(['1000', '100', '10', '9', '2', '1', '0', '-2.5', '-10']);
  });

  it('orders strings by UTF-8 bytes', async () => {
    const res = await c().send(new QueryCommand({ TableName: 'Strings', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 's' } } }));
    expect(res.Items?.map((i) => i.sk?.S)).toEqual(['Z', 'a', 'ab', 'b#1', 'b#10', 'b#2', 'c', 'é', '\uFFFD', '😀']);
  });

  it.each([
    ['n < :a', { ':a': { N: '1' } }, ['-10', '-2.5', '0']],
    ['n <= :a', { ':a': { N: '1' } }, ['-10', '-2.5', '0', '1']],
    ['n > :a', { ':a': { N: '9' } }, ['10', '100', '1000']],
    ['n >= :a', { ':a': { N: '9' } }, ['9', '10', '100', '1000']],
    ['n = :a', { ':a': { N: '10.0' } }, ['10']],
    ['n BETWEEN :a AND :b', { ':a': { N: '-3' }, ':b': { N: '2' } }, ['-2.5', '0', '1', '2']],
  ])('range condition %s', async (cond, values, expected) => {
    const res = await q({ KeyConditionExpression: `pk = :p AND ${cond}`, ExpressionAttributeValues: { ':p': { S: 'p1' }, ...values } });
    expect(res.Items?.map((i) => i.n?.N)).toEqual(expected);
  });

  it('begins_with on a string sort key', async () => {
    const res = await c().send(
      new QueryCommand({
        TableName: 'Strings',
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :b)',
        ExpressionAttributeValues: { ':p': { S: 's' }, ':b': { S: 'b#' } },
        ScanIndexForward: false,
      }),
    );
    expect(res.Items?.map((i) => i.sk?.S)).toEqual(['b#2', 'b#10', 'b#1']);
  });

  it('returns nothing for an unknown partition', async () => {
    const res = await q({ ExpressionAttributeValues: { ':p': { S: 'nobody' } } });
    expect(res).toMatchObject({ Count: 0, ScannedCount: 0, Items: [] });
  });
});

describe('Query paging, filters and Select', () => {
  it('pages with Limit and LastEvaluatedKey, in both directions', async () => {
    for (const forward of [true, false]) {
      const seen: string[] = [];
      let start: Record<string, AttributeValue> | undefined;
      let pages = 0;
      do {
        const res = await q({ Limit: 4, ExclusiveStartKey: start, ScanIndexForward: forward });
        seen.push(...res.Items!.map((i) => i.n!.N!));
        start = res.LastEvaluatedKey;
        pages++;
      } while (start);
      expect(pages).toBe(3);
      const all = ['-10', '-2.5', '0', '1', '2', '9', '10', '100', '1000'];
      expect(seen).toEqual(forward ? all : [...all].reverse());
    }
  });

  it('works with the SDK paginators', async () => {
    const pages = [];
    for await (const page of paginateQuery({ client: c(), pageSize: 2 }, { TableName: 'Events', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p1' } } })) {
      pages.push(page.Items!.length);
    }
    // 9 items in pages of 2: the fifth page holds one item.
    expect(pages).toEqual([2, 2, 2, 2, 1]);
    let scanned = 0;
    for await (const page of paginateScan({ client: c(), pageSize: 4 }, { TableName: 'Strings' })) scanned += page.Count!;
    expect(scanned).toBe(10);
  });

  it('counts before the filter in ScannedCount and after it in Count', async () => {
    const res = await q({ FilterExpression: 'kind = :k', ExpressionAttributeValues: { ':p': { S: 'p1' }, ':k': { S: 'odd' } }, Limit: 5 });
    expect(res.ScannedCount).toBe(5);
    expect(res.Count).toBe(2);
    expect(res.LastEvaluatedKey).toEqual({ pk: { S: 'p1' }, n: { N: '2' } });
  });

  it('refuses a filter on a key attribute', async () => {
    const err = await errorOf(() => q({ FilterExpression: 'n > :z', ExpressionAttributeValues: { ':p': { S: 'p1' }, ':z': { N: '0' } } }));
    expect(err.message).toBe('Filter Expression can only contain non-primary key attributes: Primary key attribute: n');
  });

  it('Select COUNT returns no Items', async () => {
    const res = await q({ Select: 'COUNT' });
    expect(res.Items).toBeUndefined();
    expect(res.Count).toBe(9);
  });

  it.each([
    [{ Select: 'SPECIFIC_ATTRIBUTES' }, 'Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES'],
    [{ Select: 'ALL_ATTRIBUTES', ProjectionExpression: 'note' }, 'Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES'],
    [{ Select: 'COUNT', ProjectionExpression: 'note' }, 'Cannot specify the ProjectionExpression when choosing to get only the Count'],
    [{ Select: 'ALL_PROJECTED_ATTRIBUTES' }, 'ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName'],
    [{ IndexName: 'nope' }, 'The table does not have the specified index: nope'],
    [{ KeyConditionExpression: undefined, ExpressionAttributeValues: undefined }, 'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.'],
  ])('rejects %j', async (input, message) => {
    const err = await errorOf(() => q(input as Partial<QueryCommandInput>));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe(message);
  });

  it('supports legacy KeyConditions and QueryFilter', async () => {
    const res = await c().send(
      new QueryCommand({
        TableName: 'Events',
        KeyConditions: {
          pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p1' }] },
          n: { ComparisonOperator: 'GE', AttributeValueList: [{ N: '10' }] },
        },
        QueryFilter: { kind: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'even' }] } },
      }),
    );
    expect(res.Items?.map((i) => i.n?.N)).toEqual(['10', '1000']);
  });
});

describe('indexes', () => {
  it('queries a GSI with its projection (INCLUDE) in index order', async () => {
    const res = await q({ IndexName: 'byKind', KeyConditionExpression: 'kind = :k', ExpressionAttributeValues: { ':k': { S: 'odd' } } });
    expect(res.Items?.map((i) => i.at?.N)).toEqual(['93', '95', '97', '99']);
    expect(Object.keys(res.Items![0]!).sort()).toEqual(['at', 'kind', 'n', 'note', 'pk']);
  });

  it('refuses ALL_ATTRIBUTES and consistent reads on a GSI that does not project everything', async () => {
    let err = await errorOf(() => q({ IndexName: 'byKind', Select: 'ALL_ATTRIBUTES', KeyConditionExpression: 'kind = :k', ExpressionAttributeValues: { ':k': { S: 'odd' } } }));
    expect(err.message).toBe(
      'One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index byKind because its projection type is not ALL',
    );
    err = await errorOf(() => q({ IndexName: 'byKind', ConsistentRead: true, KeyConditionExpression: 'kind = :k', ExpressionAttributeValues: { ':k': { S: 'odd' } } }));
    expect(err.message).toBe('Consistent reads are not supported on global secondary indexes');
  });

  it('queries an LSI by its sort key and pages it with index keys in LastEvaluatedKey', async () => {
    const res = await q({ IndexName: 'byAt', Limit: 2 });
    expect(res.Items?.map((i) => i.at?.N)).toEqual(['92', '93']);
    expect(Object.keys(res.Items![0]!).sort()).toEqual(['at', 'n', 'pk']);
    expect(res.LastEvaluatedKey).toEqual({ pk: { S: 'p1' }, n: { N: '100' }, at: { N: '93' } });
    const next = await q({ IndexName: 'byAt', Limit: 2, ExclusiveStartKey: res.LastEvaluatedKey });
    expect(next.Items?.map((i) => i.at?.N)).toEqual(['94', '95']);
    const all = await q({ IndexName: 'byAt', Select: 'ALL_ATTRIBUTES', Limit: 1 });
    expect(all.Items?.[0]?.secret).toEqual({ S: 'hidden' });
  });
});

describe('Scan', () => {
  it('pages through everything once, with the 1 MB page limit', async () => {
    await c().send(
      new CreateTableCommand({
        TableName: 'Big',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'N' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const pad = 'x'.repeat(100 * 1024);
    await putAll('Big', Array.from({ length: 25 }, (_, i) => ({ id: { N: String(i) }, pad: { S: pad } })));
    const ids: string[] = [];
    let start: Record<string, AttributeValue> | undefined;
    const sizes: number[] = [];
    do {
      const res = await c().send(new ScanCommand({ TableName: 'Big', ExclusiveStartKey: start }));
      ids.push(...res.Items!.map((i) => i.id!.N!));
      sizes.push(res.Count!);
      start = res.LastEvaluatedKey;
    } while (start);
    expect(ids.sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 25 }, (_, i) => String(i)));
    // ~100 KB items: a 1 MB page holds 11 of them (the one crossing 1 MB is included).
    expect(sizes[0]).toBe(11);
  });

  it('splits the table into disjoint parallel segments', async () => {
    const scanSegment = async (Segment: number) => {
      const ids: string[] = [];
      let start: Record<string, AttributeValue> | undefined;
      do {
        const res = await c().send(new ScanCommand({ TableName: 'Big', Segment, TotalSegments: 3, ProjectionExpression: 'id', ExclusiveStartKey: start }));
        ids.push(...res.Items!.map((i) => i.id!.N!));
        start = res.LastEvaluatedKey;
      } while (start);
      return ids;
    };
    const segments = await Promise.all([0, 1, 2].map(scanSegment));
    const ids = segments.flat();
    expect(ids.length).toBe(25);
    expect(new Set(ids).size).toBe(25);
    expect(segments.every((s) => s.length > 0)).toBe(true);
  });

  it('filters and validates segments', async () => {
    const res = await c().send(new ScanCommand({ TableName: 'Events', FilterExpression: 'n > :z', ExpressionAttributeValues: { ':z': { N: '9' } } }));
    expect(res.Count).toBe(3);
    expect(res.ScannedCount).toBe(9);
    const err = await errorOf(() => c().send(new ScanCommand({ TableName: 'Events', Segment: 3, TotalSegments: 3 })));
    expect(err.message).toBe('The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 3 is not less than TotalSegments: 3');
  });

  it('records Query vs Scan in the operation log', async () => {
    await q({});
    const log = t.server.opsLog('qs');
    const last = log[log.length - 1]!;
    expect(last).toMatchObject({ operation: 'Query', table: 'Events', count: 9, scannedCount: 9 });
    expect(log.some((e) => e.operation === 'Scan' && e.table === 'Big')).toBe(true);
  });
});

describe('binary sort keys', () => {
  it('orders B bytewise', async () => {
    await c().send(
      new CreateTableCommand({
        TableName: 'Bin',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'b', AttributeType: 'B' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'b', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    for (const bytes of [[255], [1, 2], [1], [128, 0]]) {
      await c().send(new PutItemCommand({ TableName: 'Bin', Item: { pk: { S: 'x' }, b: { B: new Uint8Array(bytes) } } }));
    }
    const res = await c().send(new QueryCommand({ TableName: 'Bin', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'x' } } }));
    expect(res.Items?.map((i) => [...i.b!.B!])).toEqual([[1], [1, 2], [128, 0], [255]]);
  });
});
