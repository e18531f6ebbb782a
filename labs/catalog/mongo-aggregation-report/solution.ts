import { MongoClient, type Decimal128, type Document, type ObjectId } from 'mongodb';

// MONGODB_URI names your own database, so client.db() with no argument opens it.
// One MongoClient per process: it is a connection pool, not a connection.
const client = new MongoClient(process.env.MONGODB_URI!);
const db = client.db();

export interface Order {
  _id: ObjectId;
  orderNo: string;
  customerId: string;
  status: 'pending' | 'paid' | 'cancelled' | 'refunded';
  createdAt: Date;
  total: Decimal128;
}

export interface Customer {
  _id: string;
  name: string;
  country: string;
}

export interface MonthlyRevenue {
  /** "YYYY-MM", in UTC. */
  month: string;
  customerId: string;
  revenue: Decimal128;
  orders: number;
}

export interface TopCustomer {
  customerId: string;
  name: string;
  country: string;
  revenue: Decimal128;
}

/** Where the next page starts: the sort key of the last row you returned. */
export interface PageCursor {
  createdAt: Date;
  _id: ObjectId;
}

export type OrderRow = Pick<Order, '_id' | 'orderNo' | 'customerId' | 'createdAt' | 'total'>;

const orders = db.collection<Order>('orders');

export async function ensureIndexes(): Promise<void> {
  // One compound index serves both queries (Equality, Sort, Range):
  // https://www.mongodb.com/docs/manual/tutorial/equality-sort-range-guideline/
  // - the revenue report's $match: status by equality, then a createdAt range (a range can walk
  //   the index in either direction, so createdAt: -1 serves it as well as createdAt: 1);
  // - the page query: status by equality, then the whole sort key, made unique by _id.
  await orders.createIndex({ status: 1, createdAt: -1, _id: -1 });
}

/** The pipeline is data: build it in a function, run it in another, and explain() it in tests. */
export function revenuePipeline(from: Date, to: Date): Document[] {
  return [
    // First, and on indexed fields, so the server reads only these orders from an index.
    { $match: { status: 'paid', createdAt: { $gte: from, $lt: to } } },
    {
      $group: {
        _id: { month: { $dateToString: { format: '%Y-%m', date: '$createdAt' } }, customerId: '$customerId' },
        // Decimal128 in, Decimal128 out: the server adds exactly.
        revenue: { $sum: '$total' },
        orders: { $sum: 1 },
      },
    },
    { $sort: { '_id.month': 1, revenue: -1, '_id.customerId': 1 } },
    { $project: { _id: 0, month: '$_id.month', customerId: '$_id.customerId', revenue: 1, orders: 1 } },
  ];
}

export async function monthlyRevenue(from: Date, to: Date): Promise<MonthlyRevenue[]> {
  return orders.aggregate<MonthlyRevenue>(revenuePipeline(from, to)).toArray();
}

export async function topCustomers(month: string, country: string, n: number): Promise<TopCustomer[]> {
  const [y, m] = month.split('-').map(Number);
  return orders
    .aggregate<TopCustomer>([
      { $match: { status: 'paid', createdAt: { $gte: new Date(Date.UTC(y, m - 1, 1)), $lt: new Date(Date.UTC(y, m, 1)) } } },
      { $group: { _id: '$customerId', revenue: { $sum: '$total' } } },
      // The country lives on the customer: join first, filter on it, and only then sort and cut.
      // https://www.mongodb.com/docs/manual/reference/operator/aggregation/lookup/
      { $lookup: { from: 'customers', localField: '_id', foreignField: '_id', as: 'customer' } },
      { $unwind: '$customer' },
      { $match: { 'customer.country': country } },
      { $sort: { revenue: -1, _id: 1 } },
      { $limit: n },
      { $project: { _id: 0, customerId: '$_id', name: '$customer.name', country: '$customer.country', revenue: 1 } },
    ])
    .toArray();
}

export async function paidOrdersPage(after: PageCursor | null, limit: number): Promise<{ orders: OrderRow[]; next: PageCursor | null }> {
  // Seek, don't skip: continue strictly after the last row's (createdAt, _id). New orders that
  // arrive meanwhile sort before the cursor and cannot shift the rows that follow it.
  const filter = after
    ? {
        status: 'paid' as const,
        // The $lte gives the planner index bounds; the $or is the exact "after" condition.
        createdAt: { $lte: after.createdAt },
        $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after._id } }],
      }
    : { status: 'paid' as const };
  const rows = await orders
    .find(filter, { projection: { orderNo: 1, customerId: 1, createdAt: 1, total: 1 } })
    .sort({ createdAt: -1, _id: -1 })
    .limit(limit)
    .toArray();
  const last = rows.at(-1);
  return { orders: rows, next: rows.length === limit && last ? { createdAt: last.createdAt, _id: last._id } : null };
}

export async function main(): Promise<void> {
  await ensureIndexes();
  console.log(await monthlyRevenue(new Date('2026-01-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z')));
  console.log(await topCustomers('2026-03', 'SE', 3));
  const first = await paidOrdersPage(null, 5);
  console.log(first.orders, await paidOrdersPage(first.next, 5));
  await client.close();
}
