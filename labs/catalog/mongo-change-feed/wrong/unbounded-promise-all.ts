// mongo-change-feed — reference solution.
import { MongoClient, type ChangeStreamDocument, type ResumeToken } from 'mongodb';

// MONGODB_URI names your own database, so client.db() with no argument opens it.
const client = new MongoClient(process.env.MONGODB_URI!);
const db = client.db();

export interface Customer {
  _id: string;
  name: string;
  tier: 'free' | 'pro';
}

export interface Order {
  _id: string;
  customerId: string;
  amount: number;
  status: 'paid' | 'refunded';
}

/** One row of the running summary the change-stream consumer keeps, per customer. */
export interface CustomerSummary {
  _id: string;
  orders: number;
  revenue: number;
  updates: number;
}

// ---- Given: do not change. A lookup that the platform team instruments: every call bumps an
// in-flight gauge on the server before it reads and lowers it after, so the gauge's `max` shows
// how many lookups were ever running at the same time.
export async function lookupCustomer(id: string): Promise<Customer | null> {
  const gauge = db.collection<{ _id: string; inFlight: number; max: number; calls: number }>('gauge');
  await gauge.updateOne({ _id: 'lookups' }, [
    { $set: { inFlight: { $add: ['$inFlight', 1] }, calls: { $add: ['$calls', 1] } } },
    { $set: { max: { $max: ['$max', '$inFlight'] } } },
  ]);
  try {
    return await db.collection<Customer>('customers').findOne({ _id: id });
  } finally {
    await gauge.updateOne({ _id: 'lookups' }, { $inc: { inFlight: -1 } });
  }
}

// ---- Task 1: call lookupCustomer for every id, at most `limit` at a time, results in input order.
export async function fetchCustomers(ids: string[], limit: number): Promise<Array<Customer | null>> {
  // Wrong: every lookup starts at once; `limit` is ignored.
  return Promise.all(ids.map((id) => lookupCustomer(id)));
}

// ---- Task 2: export every order, sorted by _id, in chunks of `batchSize`, without holding them all.
async function* orderBatches(batchSize: number): AsyncGenerator<Order[]> {
  const cursor = db.collection<Order>('orders').find({}, { sort: { _id: 1 }, batchSize });
  let batch: Order[] = [];
  try {
    for await (const order of cursor) {
      batch.push(order);
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    await cursor.close();
  }
}

export async function exportOrders(batchSize: number): Promise<number> {
  const out = db.collection<{ seq: number; ids: string[]; total: number }>('export_chunks');
  let seq = 0;
  let exported = 0;
  for await (const batch of orderBatches(batchSize)) {
    await out.insertOne({ seq: seq++, ids: batch.map((o) => o._id), total: batch.reduce((s, o) => s + o.amount, 0) });
    exported += batch.length;
  }
  return exported;
}

// ---- Task 3: apply every order insert/update since the last call to `summary`, exactly once.
const state = db.collection<{ _id: string; token: ResumeToken }>('stream_state');

async function apply(event: ChangeStreamDocument<Order>): Promise<void> {
  const summary = db.collection<CustomerSummary>('summary');
  if (event.operationType === 'insert') {
    const o = event.fullDocument;
    await summary.updateOne({ _id: o.customerId }, { $inc: { orders: 1, revenue: o.amount, updates: 0 } }, { upsert: true });
  } else if (event.operationType === 'update' && event.fullDocument) {
    await summary.updateOne({ _id: event.fullDocument.customerId }, { $inc: { updates: 1, orders: 0, revenue: 0 } }, { upsert: true });
  }
}

export async function drainChanges(): Promise<number> {
  const saved = await state.findOne({ _id: 'orders' });
  const stream = db.collection<Order>('orders').watch([], {
    fullDocument: 'updateLookup',
    maxAwaitTimeMS: 100,
    ...(saved ? { resumeAfter: saved.token } : {}),
  });
  let processed = 0;
  try {
    for (;;) {
      const event = await stream.tryNext();
      if (event) {
        await apply(event);
        processed++;
      }
      // Saved after every event (and once caught up): a restart resumes right after the last one applied.
      await state.updateOne({ _id: 'orders' }, { $set: { token: stream.resumeToken } }, { upsert: true });
      if (!event) return processed;
    }
  } finally {
    await stream.close();
  }
}

export async function main(): Promise<void> {
  const ids = ['c-001', 'c-002', 'c-404', 'c-003'];
  console.log(await fetchCustomers(ids, 2));
  console.log('exported', await exportOrders(100));
  console.log('changes applied', await drainChanges());
  await client.close();
}
