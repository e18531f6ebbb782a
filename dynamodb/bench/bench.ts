// Benchmark: our server vs dynalite (in-memory), each in its own process, same client settings.
//   node dynamodb/bench/bench.ts [--seconds 2] [--concurrency 16] [--sizes 1000,10000,100000]
//                                [--dynalite-max 10000]
// 1. PutItem, GetItem, Query ops/s with N concurrent callers, through the AWS SDK v3 and
//    through bare keep-alive HTTP (which shows the servers' own cost without the SDK's).
// 2. Query p50/p99 latency (Limit 10, one partition) as the table grows; items are loaded with
//    BatchWriteItem, 100 items per partition.
// 3. The same Query run in-process against our operation handler (no HTTP, no SDK) up to
//    --engine-max items (default 1,000,000), loaded straight into storage: the data structure's
//    own cost, which should stay flat (O(log n + k)).

import { Agent } from 'node:http';
import { parseArgs } from 'node:util';
import { BatchWriteItemCommand, CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startDynamo } from '../src/server.ts';
import { rawCall, spawnDynalite, spawnOurs } from './processes.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '16' },
    sizes: { type: 'string', default: '1000,10000,100000' },
    'dynalite-max': { type: 'string', default: '10000' },
    'engine-max': { type: 'string', default: '1000000' },
  },
});
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const SIZES = values.sizes.split(',').map(Number);
const DYNALITE_MAX = Number(values['dynalite-max']);
const ENGINE_MAX = Number(values['engine-max']);
const PER_PARTITION = 100;

function client(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 }) }),
  });
}

async function createTable(c: DynamoDBClient, name: string): Promise<void> {
  await c.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  // dynalite answers CREATING for a moment even with createTableMs 0.
  await new Promise((r) => setTimeout(r, 50));
}

const item = (i: number) => ({ pk: { S: `user#${Math.floor(i / PER_PARTITION)}` }, sk: { N: String(i % PER_PARTITION) }, payload: { S: `value-${i}-${'x'.repeat(64)}` } });

/** Runs `op` from CONCURRENCY loops for SECONDS; returns ops/s. */
async function throughput(op: (n: number) => Promise<unknown>): Promise<number> {
  const end = performance.now() + SECONDS * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      for (let n = w; performance.now() < end; n += CONCURRENCY) {
        await op(n);
        done++;
      }
    }),
  );
  return done / SECONDS;
}

async function load(c: DynamoDBClient, table: string, from: number, to: number): Promise<void> {
  const batches: number[] = [];
  for (let i = from; i < to; i += 25) batches.push(i);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < batches.length) {
        const start = batches[next++]!;
        const items = [];
        for (let i = start; i < Math.min(start + 25, to); i++) items.push({ PutRequest: { Item: item(i) } });
        await c.send(new BatchWriteItemCommand({ RequestItems: { [table]: items } }));
      }
    }),
  );
}

async function queryLatency(c: DynamoDBClient, table: string, size: number): Promise<{ p50: number; p99: number }> {
  const partitions = Math.max(1, Math.floor(size / PER_PARTITION));
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    await c.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :p AND sk >= :s',
        ExpressionAttributeValues: { ':p': { S: `user#${(i * 7919) % partitions}` }, ':s': { N: '50' } },
        Limit: 10,
      }),
    );
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)]!, p99: times[Math.floor(times.length * 0.99)]! };
}

const fmt = (n: number) => n.toFixed(0).padStart(8);

async function main(): Promise<void> {
  console.log(`# DynamoDB bench — ${CONCURRENCY} concurrent callers, ${SECONDS}s per measurement, Node ${process.version}\n`);
  const rows: string[] = [];
  for (const make of [() => spawnOurs(), spawnDynalite]) {
    const target = await make();
    const c = client(target.endpoint);
    await createTable(c, 'Bench');
    await load(c, 'Bench', 0, 1000);
    const putBody = (n: number) => ({ TableName: 'Bench', Item: item(100_000 + n) });
    const getBody = (n: number) => ({ TableName: 'Bench', Key: { pk: { S: `user#${n % 10}` }, sk: { N: String(n % PER_PARTITION) } } });
    const queryBody = (n: number) => ({
      TableName: 'Bench',
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': { S: `user#${n % 10}` } },
      Limit: 10,
    });
    const sdk = [
      await throughput((n) => c.send(new PutItemCommand(putBody(n)))),
      await throughput((n) => c.send(new GetItemCommand(getBody(n)))),
      await throughput((n) => c.send(new QueryCommand(queryBody(n)))),
    ];
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const raw = [
      await throughput((n) => rawCall(target.endpoint, agent, 'PutItem', putBody(n))),
      await throughput((n) => rawCall(target.endpoint, agent, 'GetItem', getBody(n))),
      await throughput((n) => rawCall(target.endpoint, agent, 'Query', queryBody(n))),
    ];
    agent.destroy();
    rows.push(`| ${target.name.padEnd(8)} | SDK v3   | ${sdk.map(fmt).join(' | ')} |`);
    rows.push(`| ${target.name.padEnd(8)} | raw HTTP | ${raw.map(fmt).join(' | ')} |`);
    c.destroy();
    await target.close();
  }
  console.log('| server   | client   |  PutItem |  GetItem |    Query |  (ops/s)');
  console.log('|----------|----------|---------:|---------:|---------:|');
  for (const r of rows) console.log(r);

  console.log('\n| items     | ours p50 ms | ours p99 ms | dynalite p50 ms | dynalite p99 ms | load ours s | load dynalite s |');
  console.log('|-----------|------------:|------------:|----------------:|----------------:|------------:|----------------:|');
  const targets = [await spawnOurs(), await spawnDynalite()];
  const clients = targets.map((t) => client(t.endpoint));
  for (const c of clients) await createTable(c, 'Growth');
  let loaded = 0;
  for (const size of SIZES) {
    const cells: string[] = [];
    const loads: string[] = [];
    for (const [i, c] of clients.entries()) {
      if (targets[i]!.name === 'dynalite' && size > DYNALITE_MAX) {
        cells.push('—', '—');
        loads.push('—');
        continue;
      }
      const t0 = performance.now();
      await load(c, 'Growth', loaded, size);
      loads.push(((performance.now() - t0) / 1000).toFixed(1));
      const { p50, p99 } = await queryLatency(c, 'Growth', size);
      cells.push(p50.toFixed(2), p99.toFixed(2));
    }
    loaded = size;
    console.log(`| ${String(size).padEnd(9)} | ${cells[0]!.padStart(11)} | ${cells[1]!.padStart(11)} | ${cells[2]!.padStart(15)} | ${cells[3]!.padStart(15)} | ${loads[0]!.padStart(11)} | ${loads[1]!.padStart(15)} |`);
  }
  for (const c of clients) c.destroy();
  for (const t of targets) await t.close();
}

/** Section 3: Query through the operation handler, table loaded directly into storage. */
async function engine(): Promise<void> {
  const server = await startDynamo({ port: 0, throttling: false });
  const handler = (op: string) => server.registry.get(`DynamoDB_20120810.${op}`)!;
  const ctx = { store: server.store, namespace: 'bench', region: 'us-east-1', operation: '' };
  await handler('CreateTable')(
    {
      TableName: 'Engine',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    },
    ctx,
  );
  const table = server.store.table('bench', 'us-east-1', 'Engine');
  console.log('\n| items     | in-process Query p50 µs | p99 µs | load s |');
  console.log('|-----------|------------------------:|-------:|-------:|');
  let loaded = 0;
  for (const size of [1000, 10_000, 100_000, 1_000_000].filter((n) => n <= ENGINE_MAX)) {
    const t0 = performance.now();
    for (let i = loaded; i < size; i++) {
      const it = item(i);
      table.commit({ pk: it.pk, sk: it.sk }, it);
    }
    const load = (performance.now() - t0) / 1000;
    loaded = size;
    const partitions = size / PER_PARTITION;
    const times: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const body = {
        TableName: 'Engine',
        KeyConditionExpression: 'pk = :p AND sk >= :s',
        ExpressionAttributeValues: { ':p': { S: `user#${(i * 7919) % partitions}` }, ':s': { N: '50' } },
        Limit: 10,
      };
      const q0 = performance.now();
      await handler('Query')(body, ctx);
      times.push((performance.now() - q0) * 1000);
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.floor(times.length * q)]!.toFixed(0);
    console.log(`| ${String(size).padEnd(9)} | ${p(0.5).padStart(23)} | ${p(0.99).padStart(6)} | ${load.toFixed(1).padStart(6)} |`);
  }
  await server.close();
}

await main();
await engine();
