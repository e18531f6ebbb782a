// Throughput of the embedded server through the official driver:
//   node mongodb/bench/bench.ts [--docs 100000]
// insertOne / insertMany rate, find by _id and by a secondary index vs the same query as a
// COLLSCAN (no index), and an aggregate $group over the whole collection.
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { startMongo } from '../src/server.ts';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '100000' } } });
const N = Number(values.docs);
const srv = await startMongo({ port: 0, defaultPlugins: false });
const client = new MongoClient(srv.uri);
const db = client.db('bench');

async function timed<T>(label: string, ops: number, fn: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(44)} ${ops.toString().padStart(7)} ops  ${ms.toFixed(0).padStart(6)} ms  ${((ops / ms) * 1000).toFixed(0).padStart(8)} ops/s`);
  return ms / ops;
}

try {
  const one = db.collection('one');
  await timed('insertOne (sequential)', 2000, async () => {
    for (let i = 0; i < 2000; i++) await one.insertOne({ i });
  });
  const c = db.collection<{ _id: number; sku: string; cat: number; price: number }>('docs');
  await timed(`insertMany (batches of 1000, ${N} docs)`, N, async () => {
    for (let b = 0; b < N; b += 1000) {
      await c.insertMany(Array.from({ length: Math.min(1000, N - b) }, (_, k) => ({ _id: b + k, sku: `sku-${b + k}`, cat: (b + k) % 100, price: (b + k) % 997 })), { ordered: false });
    }
  });
  const lookups = 300;
  await timed('find by _id', lookups, async () => {
    for (let i = 0; i < lookups; i++) await c.findOne({ _id: (i * 7919) % N });
  });
  const collscan = await timed('find by sku — COLLSCAN (no index)', 30, async () => {
    for (let i = 0; i < 30; i++) await c.findOne({ sku: `sku-${(i * 7919) % N}` });
  });
  await c.createIndex({ sku: 1 });
  const ixscan = await timed('find by sku — IXSCAN (sku_1)', lookups, async () => {
    for (let i = 0; i < lookups; i++) await c.findOne({ sku: `sku-${(i * 7919) % N}` });
  });
  console.log(`index speed-up on the same query: ${(collscan / ixscan).toFixed(0)}x`);
  const plan = await c.find({ sku: 'sku-5' }).explain('executionStats');
  console.log(`explain: ${plan.queryPlanner.winningPlan.inputStage?.stage ?? plan.queryPlanner.winningPlan.stage}, keysExamined ${plan.executionStats.totalKeysExamined}, docsExamined ${plan.executionStats.totalDocsExamined}`);
  await timed(`aggregate $group by cat over ${N} docs`, 3, async () => {
    for (let i = 0; i < 3; i++) await c.aggregate([{ $group: { _id: '$cat', n: { $sum: 1 }, avg: { $avg: '$price' } } }]).toArray();
  });
  const sample = Math.min(10_000, N);
  await timed(`updateMany $inc on ${sample} docs (cat < ${Math.round((sample / N) * 100)})`, sample, () => c.updateMany({ cat: { $lt: Math.round((sample / N) * 100) } }, { $inc: { price: 1 } }));
  await timed(`deleteMany ${sample} docs`, sample, () => c.deleteMany({ _id: { $lt: sample } }));

  // The same lookups inside the process (no driver/TCP), to isolate the planner from transport cost.
  const { DataView } = await import('../src/sessions/view.ts');
  const view = new DataView(srv.core);
  const inproc = (label: string, fn: () => void, n: number) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    const per = (performance.now() - t0) / n;
    console.log(`${label.padEnd(44)} ${per.toFixed(3).padStart(10)} ms/query`);
    return per;
  };
  let k = 0;
  const ix = inproc('in-process find by sku — IXSCAN', () => view.scan('bench', 'docs', { sku: `sku-${(k++ * 7919) % N}` }), 1000);
  await c.dropIndex('sku_1');
  const scan = inproc('in-process find by sku — COLLSCAN', () => view.scan('bench', 'docs', { sku: `sku-${(k++ * 7919) % N}` }), 20);
  console.log(`in-process index speed-up: ${(scan / ix).toFixed(0)}x`);
} finally {
  await client.close();
  await srv.close();
}
