// Interleaved raw-HTTP comparison for a shared, noisy machine:
//   node dynamodb/bench/compare.ts [--seconds 1] [--windows 9] [--concurrency 16]
//        [--ops PutItem,GetItem,Query] [--targets before=/tmp/old/dynamodb/src/main.ts,after=dynamodb/src/main.ts,dynalite]
//        [--one-at-a-time]
// Every target runs in its own process, all at once; each operation is then measured in short
// windows that visit the targets back to back (target 1, 2, …, 1, 2, …), so load from other
// processes drifts alike for all of them. Reported per target and operation: median ops/s,
// median CPU (user + system) of the server process per operation (/proc/<pid>/stat, all
// threads; system time is mostly the socket calls, which transports differ in), and the
// median of the per-window ratio to the last target. A target is `name=path/to/main.ts` (any
// script that prints its http://host:port; our CLI takes --port 0 --no-throttling) or `dynalite`.
// --one-at-a-time runs each target alone instead (start, all its windows, stop): no server
// competes with another for the two cores, at the price of pairing windows in time.
// To measure a revision: `git archive <rev> dynamodb/src | tar -x -C /tmp/old`. Transport floors:
// bench/floor.ts (node:http) and bench/floor-lean.ts (lean), which answer `{}` without any work.

import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { rawCall, spawnDynalite, spawnOurs } from './processes.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '1' },
    windows: { type: 'string', default: '9' },
    concurrency: { type: 'string', default: '16' },
    ops: { type: 'string', default: 'PutItem,GetItem,Query' },
    targets: { type: 'string', default: `ours=${fileURLToPath(new URL('../src/main.ts', import.meta.url))},dynalite` },
    'one-at-a-time': { type: 'boolean', default: false },
  },
});
const SECONDS = Number(values.seconds);
const WINDOWS = Number(values.windows);
const CONCURRENCY = Number(values.concurrency);
const OPS = values.ops.split(',');
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface Target {
  name: string;
  pid: number;
  endpoint: string;
  agent: Agent;
  close(): Promise<void>;
}

/** User + system CPU time of a process, all threads (GC helpers included), in µs. */
function processCpu(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / TICKS_PER_SECOND;
}

async function start(spec: string): Promise<Target> {
  const [name, path] = spec.split('=') as [string, string | undefined];
  const server = name === 'dynalite' ? await spawnDynalite() : await spawnOurs(name, path!);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const close = () => {
    agent.destroy();
    return server.close();
  };
  return { ...server, name, agent, close };
}

const call = (t: Target, op: string, body: object) => rawCall(t.endpoint, t.agent, op, body);

/** ops/s and server CPU µs per op of CONCURRENCY callers for SECONDS. */
async function window(t: Target, op: (n: number) => Promise<unknown>): Promise<{ rate: number; cpu: number }> {
  const cpu0 = processCpu(t.pid);
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
  return { rate: done / SECONDS, cpu: (processCpu(t.pid) - cpu0) / done };
}

// The bench's table and requests (bench.ts): 100 items per partition.
const item = (i: number) => ({ pk: { S: `user#${Math.floor(i / 100)}` }, sk: { N: String(i % 100) }, payload: { S: `value-${i}-${'x'.repeat(64)}` } });
const BODIES: Record<string, (n: number) => object> = {
  PutItem: (n) => ({ TableName: 'Bench', Item: item(100_000 + n) }),
  GetItem: (n) => ({ TableName: 'Bench', Key: { pk: { S: `user#${n % 10}` }, sk: { N: String(n % 100) } } }),
  Query: (n) => ({ TableName: 'Bench', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: `user#${n % 10}` } }, Limit: 10 }),
};

async function prepare(t: Target): Promise<void> {
  await call(t, 'CreateTable', {
    TableName: 'Bench',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'N' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    BillingMode: 'PAY_PER_REQUEST',
  });
  await new Promise((r) => setTimeout(r, 100)); // dynalite reports CREATING for a moment
  for (let i = 0; i < 1000; i += 25) {
    await call(t, 'BatchWriteItem', { RequestItems: { Bench: Array.from({ length: 25 }, (_, j) => ({ PutRequest: { Item: item(i + j) } })) } });
  }
  await window(t, (n) => call(t, 'GetItem', BODIES.GetItem!(n))); // warm-up (JIT)
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const rate = new Map<string, number[]>();
const cpu = new Map<string, number[]>();
const push = (m: Map<string, number[]>, k: string, v: number) => m.set(k, [...(m.get(k) ?? []), v]);
const measure = async (t: Target, op: string) => {
  const r = await window(t, (n) => call(t, op, BODIES[op]!(n)));
  push(rate, `${t.name} ${op}`, r.rate);
  push(cpu, `${t.name} ${op}`, r.cpu);
};

const specs = values.targets.split(',');
const names = specs.map((spec) => spec.split('=')[0]!);
if (values['one-at-a-time']) {
  // Each server alone on the machine (the others are not even running), all its windows in a row.
  for (const spec of specs) {
    const t = await start(spec);
    try {
      await prepare(t);
      for (const op of OPS) for (let w = 0; w < WINDOWS; w++) await measure(t, op);
    } finally {
      await t.close();
    }
  }
} else {
  const targets: Target[] = [];
  try {
    for (const spec of specs) targets.push(await start(spec));
    for (const t of targets) await prepare(t);
    for (const op of OPS) for (let w = 0; w < WINDOWS; w++) for (const t of targets) await measure(t, op);
  } finally {
    for (const t of targets) await t.close();
  }
}

const ref = names.at(-1)!;
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const mode = values['one-at-a-time'] ? 'one server at a time' : 'interleaved';
console.log(`# ${WINDOWS} ${mode} ${SECONDS}s windows per operation, ${CONCURRENCY} callers, raw HTTP, Node ${process.version}, load average ${load} (at the end)\n`);
console.log(`| target | ${OPS.map((op) => `${op} ops/s | µs/op | ×${ref}`).join(' | ')} |`);
console.log(`|---|${OPS.map(() => '---:|---:|---:').join('|')}|`);
for (const name of names) {
  const cells = OPS.flatMap((op) => {
    const mine = rate.get(`${name} ${op}`)!;
    const theirs = rate.get(`${ref} ${op}`)!;
    // Interleaved windows pair up in time: the median of per-window ratios; otherwise the ratio of medians.
    const ratio = values['one-at-a-time'] ? median(mine) / median(theirs) : median(mine.map((v, i) => v / theirs[i]!));
    return [median(mine).toFixed(0), median(cpu.get(`${name} ${op}`)!).toFixed(0), ratio.toFixed(2)];
  });
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}
