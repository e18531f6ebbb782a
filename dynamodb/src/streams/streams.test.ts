// DynamoDB Streams through @aws-sdk/client-dynamodb-streams against the real server, with an
// injected clock so iterator expiry, retention and shard rollover run instantly.

import {
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  ListStreamsCommand,
  type _Record,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamo, type DynamoOptions, type DynamoServer } from '../server.ts';
import type { StreamLogOptions } from './log.ts';

const HOUR = 60 * 60 * 1000;
let clock = Date.now();
let server: DynamoServer;
let ddb: DynamoDBClient;
let streams: DynamoDBStreamsClient;

beforeAll(async () => {
  const options: DynamoOptions = {
    port: 0,
    throttling: false,
    streams: { now: () => clock, shardMaxAgeMs: 4 * HOUR } satisfies StreamLogOptions,
  };
  server = await startDynamo(options);
  const config = {
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'streams-test', secretAccessKey: 'x' },
  };
  ddb = new DynamoDBClient(config);
  streams = new DynamoDBStreamsClient(config);
});

afterAll(async () => {
  ddb?.destroy();
  streams?.destroy();
  await server?.close();
});

async function createTable(name: string, viewType?: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES'): Promise<string> {
  const out = await ddb.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      ...(viewType && { StreamSpecification: { StreamEnabled: true, StreamViewType: viewType } }),
    }),
  );
  return out.TableDescription!.LatestStreamArn!;
}

/** put, update, delete one item: INSERT, MODIFY, REMOVE. */
async function writeThree(table: string, pk: string): Promise<void> {
  await ddb.send(new PutItemCommand({ TableName: table, Item: { pk: { S: pk }, v: { N: '1' } } }));
  await ddb.send(
    new UpdateItemCommand({ TableName: table, Key: { pk: { S: pk } }, UpdateExpression: 'SET v = :two', ExpressionAttributeValues: { ':two': { N: '2' } } }),
  );
  await ddb.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: pk } } }));
}

async function firstShard(arn: string): Promise<string> {
  const d = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
  return d.StreamDescription!.Shards![0]!.ShardId!;
}

async function iterator(arn: string, type: ShardIteratorType, SequenceNumber?: string, shardId?: string): Promise<string> {
  const out = await streams.send(
    new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId ?? (await firstShard(arn)), ShardIteratorType: type, SequenceNumber }),
  );
  return out.ShardIterator!;
}

async function readAll(start: string, limit?: number): Promise<{ records: _Record[]; calls: number; next?: string }> {
  const records: _Record[] = [];
  let it: string | undefined = start;
  let calls = 0;
  for (;;) {
    const out: GetRecordsCommandOutput = await streams.send(new GetRecordsCommand({ ShardIterator: it, Limit: limit }));
    calls++;
    records.push(...(out.Records ?? []));
    if (!out.Records?.length || !out.NextShardIterator) return { records, calls, next: out.NextShardIterator };
    it = out.NextShardIterator;
  }
}

async function failure(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return { name: (err as Error).name, message: (err as Error).message };
  }
  throw new Error('expected the call to fail');
}

describe('stream view types', () => {
  it.each([
    ['KEYS_ONLY', [false, false, false], [false, false, false]],
    ['NEW_IMAGE', [true, true, false], [false, false, false]],
    ['OLD_IMAGE', [false, false, false], [false, true, true]],
    ['NEW_AND_OLD_IMAGES', [true, true, false], [false, true, true]],
  ] as const)('%s carries the images it names', async (viewType, hasNew, hasOld) => {
    const arn = await createTable(`view_${viewType}`, viewType);
    await writeThree(`view_${viewType}`, 'a');
    const { records } = await readAll(await iterator(arn, 'TRIM_HORIZON'));
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    records.forEach((r, i) => {
      expect(r.dynamodb!.Keys).toEqual({ pk: { S: 'a' } });
      expect(r.dynamodb!.StreamViewType).toBe(viewType);
      expect(r.dynamodb!.NewImage !== undefined).toBe(hasNew[i]);
      expect(r.dynamodb!.OldImage !== undefined).toBe(hasOld[i]);
    });
    if (hasNew[1]) expect(records[1]!.dynamodb!.NewImage).toEqual({ pk: { S: 'a' }, v: { N: '2' } });
    if (hasOld[1]) expect(records[1]!.dynamodb!.OldImage).toEqual({ pk: { S: 'a' }, v: { N: '1' } });
  });

  it('fills the record envelope the way DynamoDB does', async () => {
    const arn = await createTable('envelope', 'NEW_AND_OLD_IMAGES');
    await writeThree('envelope', 'e');
    const { records } = await readAll(await iterator(arn, 'TRIM_HORIZON'));
    const seqs = records.map((r) => r.dynamodb!.SequenceNumber!);
    for (const r of records) {
      expect(r.eventVersion).toBe('1.1');
      expect(r.eventSource).toBe('aws:dynamodb');
      expect(r.awsRegion).toBe('us-east-1');
      expect(r.eventID).toMatch(/^[0-9a-f]{32}$/);
      expect(r.userIdentity).toBeUndefined();
      expect(r.dynamodb!.ApproximateCreationDateTime).toBeInstanceOf(Date);
      expect(Math.abs(r.dynamodb!.ApproximateCreationDateTime!.getTime() - clock)).toBeLessThan(1000);
      expect(r.dynamodb!.SizeBytes).toBeGreaterThan(0);
      expect(r.dynamodb!.SequenceNumber).toMatch(/^\d{21,40}$/);
    }
    for (let i = 1; i < seqs.length; i++) expect(BigInt(seqs[i]!)).toBeGreaterThan(BigInt(seqs[i - 1]!));
    // SizeBytes counts the images carried: the MODIFY record has two.
    expect(records[1]!.dynamodb!.SizeBytes).toBeGreaterThan(records[0]!.dynamodb!.SizeBytes!);
  });

  it('writes no record for a write that changes nothing', async () => {
    const arn = await createTable('noop', 'KEYS_ONLY');
    const item = { pk: { S: 'same' }, v: { N: '1' } };
    await ddb.send(new PutItemCommand({ TableName: 'noop', Item: item }));
    await ddb.send(new PutItemCommand({ TableName: 'noop', Item: item }));
    await ddb.send(
      new UpdateItemCommand({ TableName: 'noop', Key: { pk: { S: 'same' } }, UpdateExpression: 'SET v = :one', ExpressionAttributeValues: { ':one': { N: '1' } } }),
    );
    await ddb.send(new DeleteItemCommand({ TableName: 'noop', Key: { pk: { S: 'absent' } } }));
    const { records } = await readAll(await iterator(arn, 'TRIM_HORIZON'));
    expect(records.map((r) => r.eventName)).toEqual(['INSERT']);
  });

  it('records nothing for a table without a stream', async () => {
    await createTable('nostream');
    await writeThree('nostream', 'x');
    const listed = await streams.send(new ListStreamsCommand({ TableName: 'nostream' }));
    expect(listed.Streams).toEqual([]);
  });

  it('does not look at the images of a write to a table without a stream', async () => {
    await createTable('unread');
    // Images that refuse to be read: comparing them (the no-change check) would throw.
    const refuse = (): never => {
      throw new Error('image read');
    };
    const untouchable = new Proxy({}, { ownKeys: refuse, get: refuse });
    const emit = () =>
      server.store.changes.emit({
        namespace: 'streams-test',
        region: 'us-east-1',
        table: 'unread',
        eventName: 'MODIFY',
        keys: { pk: { S: 'k' } },
        oldImage: untouchable,
        newImage: untouchable,
        sizeBytes: 10,
        at: clock,
      });
    expect(emit).not.toThrow();
  });
});

describe('shard iterator types', () => {
  let arn: string;
  let seqs: string[];

  beforeAll(async () => {
    arn = await createTable('iterators', 'KEYS_ONLY');
    for (const pk of ['1', '2', '3', '4']) await ddb.send(new PutItemCommand({ TableName: 'iterators', Item: { pk: { S: pk } } }));
    seqs = (await readAll(await iterator(arn, 'TRIM_HORIZON'))).records.map((r) => r.dynamodb!.SequenceNumber!);
  });

  const keys = (records: _Record[]) => records.map((r) => r.dynamodb!.Keys!.pk!.S);

  it('TRIM_HORIZON starts at the oldest record', async () => {
    expect(seqs).toHaveLength(4);
    expect(keys((await readAll(await iterator(arn, 'TRIM_HORIZON'))).records)).toEqual(['1', '2', '3', '4']);
  });

  it('LATEST starts after the newest record and sees only later writes', async () => {
    const latest = await iterator(arn, 'LATEST');
    const empty = await streams.send(new GetRecordsCommand({ ShardIterator: latest }));
    expect(empty.Records).toEqual([]);
    expect(empty.NextShardIterator).toBeDefined();
    await ddb.send(new PutItemCommand({ TableName: 'iterators', Item: { pk: { S: '5' } } }));
    const later = await streams.send(new GetRecordsCommand({ ShardIterator: empty.NextShardIterator }));
    expect(keys(later.Records!)).toEqual(['5']);
  });

  it('AT_SEQUENCE_NUMBER includes the named record, AFTER_SEQUENCE_NUMBER starts after it', async () => {
    expect(keys((await readAll(await iterator(arn, 'AT_SEQUENCE_NUMBER', seqs[1]))).records).slice(0, 3)).toEqual(['2', '3', '4']);
    expect(keys((await readAll(await iterator(arn, 'AFTER_SEQUENCE_NUMBER', seqs[1]))).records).slice(0, 2)).toEqual(['3', '4']);
  });

  it('logs Streams requests in the operation log, errors included', async () => {
    const before = server.opsLog('streams-test').length;
    await readAll(await iterator(arn, 'LATEST'));
    await expect(streams.send(new GetRecordsCommand({ ShardIterator: 'not-an-iterator' }))).rejects.toThrow();
    const entries = server.opsLog('streams-test').slice(before);
    expect(entries.map((e) => e.operation)).toEqual(['DescribeStream', 'GetShardIterator', 'GetRecords', 'GetRecords']);
    expect(entries.map((e) => e.error)).toEqual([undefined, undefined, undefined, 'ValidationException']);
    expect(entries.every((e) => e.region === 'us-east-1')).toBe(true);
  });

  it('pages with Limit and NextShardIterator', async () => {
    const { records, calls } = await readAll(await iterator(arn, 'TRIM_HORIZON'), 2);
    expect(keys(records).slice(0, 4)).toEqual(['1', '2', '3', '4']);
    expect(calls).toBeGreaterThanOrEqual(3);
  });

  it('expires iterators after 15 minutes', async () => {
    const it = await iterator(arn, 'TRIM_HORIZON');
    clock += 15 * 60 * 1000 + 1;
    const err = await failure(streams.send(new GetRecordsCommand({ ShardIterator: it })));
    expect(err.name).toBe('ExpiredIteratorException');
    expect(err.message).toBe('The provided iterator exceeds the maximum age allowed.');
  });

  it('validates its inputs', async () => {
    const shard = await firstShard(arn);
    const missing = await failure(streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard, ShardIteratorType: 'AT_SEQUENCE_NUMBER' })));
    expect(missing.name).toBe('ValidationException');
    const badType = await failure(
      streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard, ShardIteratorType: 'OLDEST' as ShardIteratorType })),
    );
    expect(badType).toEqual({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'OLDEST' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]",
    });
    const latestWithSeq = await failure(
      streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard, ShardIteratorType: 'LATEST', SequenceNumber: seqs[0] })),
    );
    expect(latestWithSeq.name).toBe('ValidationException');
    const notAnArn = await failure(streams.send(new DescribeStreamCommand({ StreamArn: 'sdfadfsdfnlfkajakfgjalksfgklasjklasdjfklasdfasdfgasf' })));
    expect(notAnArn.name).toBe('ValidationException');
    const tooMany = await failure(streams.send(new ListStreamsCommand({ Limit: 101 })));
    expect(tooMany.message).toBe(
      "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
    const pastLastShard = await streams.send(new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: 'shardId-99999999999999999999-ffffffff' }));
    expect(pastLastShard.StreamDescription!.Shards).toEqual([]);
    const badIterator = await failure(streams.send(new GetRecordsCommand({ ShardIterator: 'nonsense' })));
    expect(badIterator.name).toBe('ValidationException');
    const unknownShard = await failure(
      streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: 'shardId-00000000000000000000-00000000', ShardIteratorType: 'LATEST' })),
    );
    expect(unknownShard.name).toBe('ResourceNotFoundException');
    const unknownStream = `${arn.slice(0, arn.lastIndexOf('/') + 1)}2000-01-01T00:00:00.000`;
    expect(await failure(streams.send(new DescribeStreamCommand({ StreamArn: unknownStream })))).toEqual({
      name: 'ResourceNotFoundException',
      message: `Requested resource not found: Stream: ${unknownStream} not found`,
    });
  });
});

describe('stream lifecycle', () => {
  it('reports LatestStreamArn and lists the stream', async () => {
    const arn = await createTable('lifecycle', 'NEW_IMAGE');
    const described = await ddb.send(new DescribeTableCommand({ TableName: 'lifecycle' }));
    expect(described.Table!.LatestStreamArn).toBe(arn);
    expect(arn).toBe(`${described.Table!.TableArn}/stream/${described.Table!.LatestStreamLabel}`);
    const listed = await streams.send(new ListStreamsCommand({ TableName: 'lifecycle' }));
    expect(listed.Streams).toEqual([{ StreamArn: arn, TableName: 'lifecycle', StreamLabel: described.Table!.LatestStreamLabel }]);
    const d = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
    expect(d.StreamDescription).toMatchObject({
      StreamArn: arn,
      StreamStatus: 'ENABLED',
      StreamViewType: 'NEW_IMAGE',
      TableName: 'lifecycle',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    });
    expect(d.StreamDescription!.Shards![0]!.ShardId).toMatch(/^shardId-\d{20}-[0-9a-f]{8}$/);
    expect(d.StreamDescription!.Shards![0]!.SequenceNumberRange!.EndingSequenceNumber).toBeUndefined();
  });

  it('gives a re-enabled stream a new ARN and keeps the old one readable until it is drained', async () => {
    const first = await createTable('reenable', 'KEYS_ONLY');
    await ddb.send(new PutItemCommand({ TableName: 'reenable', Item: { pk: { S: 'before' } } }));
    await ddb.send(new UpdateTableCommand({ TableName: 'reenable', StreamSpecification: { StreamEnabled: false } }));
    await ddb.send(new PutItemCommand({ TableName: 'reenable', Item: { pk: { S: 'while-off' } } }));
    const off = await streams.send(new DescribeStreamCommand({ StreamArn: first }));
    expect(off.StreamDescription!.StreamStatus).toBe('DISABLED');
    expect(off.StreamDescription!.Shards![0]!.SequenceNumberRange!.EndingSequenceNumber).toBeDefined();

    const updated = await ddb.send(
      new UpdateTableCommand({ TableName: 'reenable', StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } }),
    );
    const second = updated.TableDescription!.LatestStreamArn!;
    expect(second).not.toBe(first);
    await ddb.send(new PutItemCommand({ TableName: 'reenable', Item: { pk: { S: 'after' } } }));

    const listed = await streams.send(new ListStreamsCommand({ TableName: 'reenable' }));
    expect(listed.Streams!.map((s) => s.StreamArn)).toEqual([first, second]);

    const old = await readAll(await iterator(first, 'TRIM_HORIZON'));
    expect(old.records.map((r) => r.dynamodb!.Keys!.pk!.S)).toEqual(['before']);
    expect(old.next).toBeUndefined(); // a closed shard read to its end has no next iterator
    const fresh = await readAll(await iterator(second, 'TRIM_HORIZON'));
    expect(fresh.records.map((r) => r.dynamodb!.Keys!.pk!.S)).toEqual(['after']);
    expect(fresh.records[0]!.dynamodb!.NewImage).toEqual({ pk: { S: 'after' } });
  });

  it('lists a stream that was disabled before anyone looked at it, and forgets it after 24 hours', async () => {
    const arn = await createTable('short_lived', 'KEYS_ONLY');
    await ddb.send(new UpdateTableCommand({ TableName: 'short_lived', StreamSpecification: { StreamEnabled: false } }));
    const listed = await streams.send(new ListStreamsCommand({ TableName: 'short_lived' }));
    expect(listed.Streams!.map((s) => s.StreamArn)).toEqual([arn]);
    expect((await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!.StreamStatus).toBe('DISABLED');
    clock += 24 * HOUR + 1;
    expect((await streams.send(new ListStreamsCommand({ TableName: 'short_lived' }))).Streams).toEqual([]);
    expect((await failure(streams.send(new DescribeStreamCommand({ StreamArn: arn })))).name).toBe('ResourceNotFoundException');
  });

  it('pages ListStreams with Limit and ExclusiveStartStreamArn', async () => {
    const all = (await streams.send(new ListStreamsCommand({}))).Streams!;
    expect(all.length).toBeGreaterThan(2);
    const page1 = await streams.send(new ListStreamsCommand({ Limit: 2 }));
    expect(page1.Streams).toEqual(all.slice(0, 2));
    expect(page1.LastEvaluatedStreamArn).toBe(all[1]!.StreamArn);
    const page2 = await streams.send(new ListStreamsCommand({ Limit: 2, ExclusiveStartStreamArn: page1.LastEvaluatedStreamArn }));
    expect(page2.Streams).toEqual(all.slice(2, 4));
  });

  it('rolls shards over and links the child to its parent', async () => {
    const arn = await createTable('rollover', 'KEYS_ONLY');
    await ddb.send(new PutItemCommand({ TableName: 'rollover', Item: { pk: { S: 'old-shard' } } }));
    clock += 4 * HOUR + 1;
    await ddb.send(new PutItemCommand({ TableName: 'rollover', Item: { pk: { S: 'new-shard' } } }));
    const shards = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!.Shards!;
    expect(shards).toHaveLength(2);
    expect(shards[1]!.ParentShardId).toBe(shards[0]!.ShardId);
    expect(shards[0]!.SequenceNumberRange!.EndingSequenceNumber).toBeDefined();
    const parent = await readAll(await iterator(arn, 'TRIM_HORIZON', undefined, shards[0]!.ShardId));
    const child = await readAll(await iterator(arn, 'TRIM_HORIZON', undefined, shards[1]!.ShardId));
    expect(parent.records.map((r) => r.dynamodb!.Keys!.pk!.S)).toEqual(['old-shard']);
    expect(parent.next).toBeUndefined();
    expect(child.records.map((r) => r.dynamodb!.Keys!.pk!.S)).toEqual(['new-shard']);
    expect(child.next).toBeDefined();
  });

  it('trims records after 24 hours', async () => {
    const arn = await createTable('retention', 'KEYS_ONLY');
    await ddb.send(new PutItemCommand({ TableName: 'retention', Item: { pk: { S: 'old' } } }));
    const oldSeq = (await readAll(await iterator(arn, 'TRIM_HORIZON'))).records[0]!.dynamodb!.SequenceNumber!;
    clock += 3 * HOUR; // less than the shard rollover age, so `new` joins the same shard
    await ddb.send(new PutItemCommand({ TableName: 'retention', Item: { pk: { S: 'new' } } }));
    clock += 21 * HOUR - 5 * 60 * 1000;
    const beforeOld = await iterator(arn, 'TRIM_HORIZON');
    clock += 6 * 60 * 1000;
    // `old` is now just over 24 h old and trimmed; `new` is 21 h old; `beforeOld` is 6 minutes old.
    const trimmed = { name: 'TrimmedDataAccessException', message: 'The data you are trying to access has been trimmed' };
    expect(await failure(streams.send(new GetRecordsCommand({ ShardIterator: beforeOld })))).toEqual(trimmed);
    const atOld = streams.send(
      new GetShardIteratorCommand({ StreamArn: arn, ShardId: await firstShard(arn), ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: oldSeq }),
    );
    expect(await failure(atOld)).toEqual(trimmed);
    const horizon = await readAll(await iterator(arn, 'TRIM_HORIZON'));
    expect(horizon.records.map((r) => r.dynamodb!.Keys!.pk!.S)).toEqual(['new']);
  });
});
