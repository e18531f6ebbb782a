// Hidden checks for mongo-change-feed. Concurrency is read from the server-side gauge that the
// given lookupCustomer() keeps (no clocks involved); the export is compared with the orders the
// engine's own client reads; the change-stream checks write orders between calls of
// drainChanges(), the way a deploy restarts a consumer between batches of traffic.
// Change streams and resume tokens: https://www.mongodb.com/docs/manual/changeStreams/
// Resuming: https://www.mongodb.com/docs/manual/changeStreams/#resume-a-change-stream
import type { Document } from 'mongodb';
import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import { CUSTOMERS, ORDERS, customerId, orderId } from './fixture.ts';

type Ctx = CheckContext<typeof import('./solution.ts')>;

const db = (ctx: Ctx) => {
  if (!ctx.mongo) throw new Error('mongo-change-feed needs the mongo backend');
  return ctx.mongo.db;
};
const gauge = async (ctx: Ctx) => (await db(ctx).collection('gauge').findOne({ _id: 'lookups' } as Document)) as Document;
const resetGauge = (ctx: Ctx) => db(ctx).collection('gauge').updateOne({ _id: 'lookups' } as Document, { $set: { inFlight: 0, max: 0, calls: 0 } });

async function summary(ctx: Ctx): Promise<Map<string, { orders: number; revenue: number; updates: number }>> {
  const rows = await db(ctx).collection('summary').find({}).toArray();
  return new Map(rows.map((r) => [String(r._id), { orders: r.orders ?? 0, revenue: r.revenue ?? 0, updates: r.updates ?? 0 }]));
}
const show = (m: Map<string, unknown>) => JSON.stringify(Object.fromEntries([...m].sort()));

export default defineChecks<typeof import('./solution.ts')>([
  {
    task: 'fetch-bounded',
    name: 'fetchCustomers returns every customer in input order, null for unknown ids',
    async run(ctx: Ctx) {
      const ids = [customerId(7), 'c-404', customerId(1), customerId(60), customerId(7)];
      const got = await ctx.learner.fetchCustomers(ids, 2);
      ctx.assert(Array.isArray(got) && got.length === ids.length, `fetchCustomers(${JSON.stringify(ids)}, 2) should return ${ids.length} entries, got ${JSON.stringify(got)}.`);
      const names = got.map((c) => (c ? c._id : null));
      const want = [customerId(7), null, customerId(1), customerId(60), customerId(7)];
      ctx.assert(
        JSON.stringify(names) === JSON.stringify(want),
        `Expected the customers in the order of the ids, with null for c-404: ${JSON.stringify(want)}; got ${JSON.stringify(names)}. ` +
          'Store each result at its input index (results[i] = ...), not with push() in completion order.',
      );
      const { calls } = await gauge(ctx);
      ctx.assert(calls === ids.length, `Expected one lookupCustomer() call per id (${ids.length}); the gauge counted ${calls}. Call the given lookupCustomer for every id, unchanged.`);
    },
  },
  {
    task: 'fetch-bounded',
    name: 'fetchCustomers keeps at most `limit` lookups in flight, and does use them',
    async run(ctx: Ctx) {
      const ids = Array.from({ length: 2 * CUSTOMERS }, (_, i) => customerId(1 + (i % CUSTOMERS)));
      await resetGauge(ctx);
      const got = await ctx.learner.fetchCustomers(ids, 4);
      ctx.assert(got.length === ids.length && got.every((c, i) => c?._id === ids[i]), `fetchCustomers over ${ids.length} ids with limit 4 returned wrong or misordered customers.`);
      const g = await gauge(ctx);
      ctx.assert(g.calls === ids.length, `Expected ${ids.length} lookupCustomer() calls, the gauge counted ${g.calls}.`);
      ctx.assert(
        g.max <= 4,
        `With limit 4 the gauge saw ${g.max} lookups in flight at once. ` +
          'Promise.all(ids.map(lookup)) starts every lookup immediately: 120 here, 100,000 in production, each waiting for one of maxPoolSize connections. Run `limit` workers that each take the next id.',
      );
      ctx.assert(
        g.max >= 2,
        `With limit 4 the gauge never saw more than ${g.max} lookup in flight: the lookups ran one after another. ` +
          'Awaiting each lookup inside a for loop is correct but serial; start up to `limit` of them together.',
      );
    },
  },
  {
    task: 'export',
    name: 'exportOrders writes every order once, sorted by _id, in chunks of batchSize',
    async run(ctx: Ctx) {
      const n = await ctx.learner.exportOrders(300);
      ctx.assert(n === ORDERS, `exportOrders(300) should return the number of orders exported (${ORDERS}), got ${JSON.stringify(n)}.`);
      const chunks = await db(ctx).collection('export_chunks').find({}, { sort: { seq: 1 } }).toArray();
      const sizes = chunks.map((c) => (c.ids as string[]).length);
      const want = [300, 300, 300, 300, 50];
      ctx.assert(
        JSON.stringify(sizes) === JSON.stringify(want),
        `Expected export_chunks of ${JSON.stringify(want)} orders (seq 0..4), got chunk sizes ${JSON.stringify(sizes)}. ` +
          'Read the cursor with for await and write a chunk each time batchSize orders have gathered; toArray() loads the whole collection into memory first.',
      );
      const ids = chunks.flatMap((c) => c.ids as string[]);
      const sorted = Array.from({ length: ORDERS }, (_, i) => orderId(i));
      const firstBad = ids.findIndex((id, i) => id !== sorted[i]);
      ctx.assert(firstBad === -1, `The exported ids should be every order sorted by _id; position ${firstBad} holds ${ids[firstBad]}, expected ${sorted[firstBad]}. Pass sort: { _id: 1 } to find().`);
      for (const c of chunks) {
        const docs = await db(ctx).collection('orders').find({ _id: { $in: c.ids } } as Document).toArray();
        const total = docs.reduce((s, o) => s + (o.amount as number), 0);
        ctx.assert(c.total === total, `Chunk seq ${c.seq} has total ${c.total}, but its orders add up to ${total}.`);
      }
    },
  },
  {
    task: 'changes',
    name: 'drainChanges applies inserts and updates written since the last call',
    async run(ctx: Ctx) {
      const first = await ctx.learner.drainChanges();
      ctx.assert(first === 0, `The first drainChanges() (nothing written since the fixture) should apply 0 events, got ${first}.`);
      const orders = db(ctx).collection('orders');
      await orders.insertMany([
        { _id: 'n-1', customerId: customerId(3), amount: 40, status: 'paid' },
        { _id: 'n-2', customerId: customerId(3), amount: 2, status: 'paid' },
        { _id: 'n-3', customerId: customerId(9), amount: 11, status: 'paid' },
      ] as Document[]);
      await orders.updateOne({ _id: 'n-1' } as Document, { $set: { status: 'refunded' } });
      const applied = await ctx.learner.drainChanges();
      ctx.assert(applied === 4, `After 3 inserts and 1 update, drainChanges() should apply 4 events, got ${applied}.`);
      const s = await summary(ctx);
      const want = new Map([[customerId(3), { orders: 2, revenue: 42, updates: 1 }], [customerId(9), { orders: 1, revenue: 11, updates: 0 }]]);
      ctx.assert(show(s) === show(want), `summary should be ${show(want)}, got ${show(s)}.`);
    },
  },
  {
    task: 'changes',
    name: 'after a restart drainChanges resumes from its saved token: nothing missed, nothing twice',
    async run(ctx: Ctx) {
      await ctx.learner.drainChanges();
      const orders = db(ctx).collection('orders');
      // Written while "the consumer is down": between two calls, no stream open.
      await orders.insertOne({ _id: 'r-1', customerId: customerId(5), amount: 30, status: 'paid' } as Document);
      await orders.updateOne({ _id: orderId(5) } as Document, { $set: { amount: 99 } });
      const a = await ctx.learner.drainChanges();
      await orders.insertOne({ _id: 'r-2', customerId: customerId(5), amount: 7, status: 'paid' } as Document);
      const b = await ctx.learner.drainChanges();
      const c = await ctx.learner.drainChanges();
      // Only the two customers this check writes for: earlier checks' rows stay as they were.
      const s = new Map([...(await summary(ctx))].filter(([id]) => id === customerId(5) || id === customerId(6)));
      const want = new Map([[customerId(5), { orders: 2, revenue: 37, updates: 0 }], [customerId(6), { orders: 0, revenue: 0, updates: 1 }]]);
      ctx.assert(
        a === 2 && b === 1 && c === 0 && show(s) === show(want),
        `Across three calls with writes between them, drainChanges() applied ${a}, ${b}, ${c} events (expected 2, 1, 0) and summary is ${show(s)} (expected ${show(want)}). ` +
          'Too few: the stream started at "now" instead of resuming (save stream.resumeToken and pass it as resumeAfter). Too many: the token was saved before processing or not after each event.',
      );
    },
  },
]);
