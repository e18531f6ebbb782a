// mongo-change-feed: async patterns with the official mongodb driver (chapter 62.4).
// Your database is at process.env.MONGODB_URI. Fill in the three TODOs; lookupCustomer is given.
import { MongoClient, type ResumeToken } from 'mongodb';

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

// ---- Task 1: call lookupCustomer for every id, at most `limit` at a time, results in input order
// (null where lookupCustomer answers null).
export async function fetchCustomers(ids: string[], limit: number): Promise<Array<Customer | null>> {
  // TODO: start at most `limit` lookups at once; not Promise.all(ids.map(...)), not one at a time.
  throw new Error('fetchCustomers: not implemented');
}

// ---- Task 2: export every order sorted by _id, writing one document per chunk of `batchSize`
// orders to `export_chunks`: { seq: 0, 1, 2..., ids: string[], total: sum of amount }.
// Return how many orders were exported.
export async function exportOrders(batchSize: number): Promise<number> {
  // TODO: iterate db.collection<Order>('orders').find(...) with for await; never toArray() the whole collection.
  throw new Error('exportOrders: not implemented');
}

// ---- Task 3: apply every insert and update on `orders` since the previous call to `summary`
// (insert: orders +1, revenue + amount; update: updates +1, for the order's customerId),
// save the resume token in `stream_state`, return how many events were applied.
const state = db.collection<{ _id: string; token: ResumeToken }>('stream_state');

export async function drainChanges(): Promise<number> {
  // TODO: resume from the saved token; loop on stream.tryNext() until null; save stream.resumeToken.
  throw new Error('drainChanges: not implemented');
}

export async function main(): Promise<void> {
  console.log(await fetchCustomers(['c-001', 'c-002', 'c-404', 'c-003'], 2));
  console.log('exported', await exportOrders(100));
  console.log('changes applied', await drainChanges());
  await client.close();
}
