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

/** Create the index(es) the report and the pages need. Runs at every start, so it must be idempotent. */
export async function ensureIndexes(): Promise<void> {
  // TODO: one compound index, fields in Equality, Sort, Range order.
}

/** The monthly revenue pipeline over paid orders with from <= createdAt < to (UTC months, "YYYY-MM").
 *  Rows by month (oldest first), then revenue (highest first), then customerId. */
export function revenuePipeline(from: Date, to: Date): Document[] {
  // TODO: $match (first, so it can use the index), $group by month and customer, $sort, $project.
  return [];
}

/** Runs revenuePipeline(from, to). */
export async function monthlyRevenue(from: Date, to: Date): Promise<MonthlyRevenue[]> {
  return orders.aggregate<MonthlyRevenue>(revenuePipeline(from, to)).toArray();
}

/** The `n` customers of `country` with the highest paid revenue in `month` ("YYYY-MM", UTC); ties by customerId. */
export async function topCustomers(month: string, country: string, n: number): Promise<TopCustomer[]> {
  // TODO: $match the month, $group per customer, $lookup the customer… in which order do $sort and $limit go?
  return [];
}

/** Paid orders newest first (ties by _id, newest first), `limit` per page. `after` is the previous page's
 *  `next`; `next` is null when there is nothing more to read. */
export async function paidOrdersPage(after: PageCursor | null, limit: number): Promise<{ orders: OrderRow[]; next: PageCursor | null }> {
  // TODO: a range condition on the sort key instead of skip(); project only the OrderRow fields.
  return { orders: [], next: null };
}

export async function main(): Promise<void> {
  await ensureIndexes();
  console.log(await monthlyRevenue(new Date('2026-01-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z')));
  console.log(await topCustomers('2026-03', 'SE', 3));
  const first = await paidOrdersPage(null, 5);
  console.log(first.orders, await paidOrdersPage(first.next, 5));
  await client.close();
}
