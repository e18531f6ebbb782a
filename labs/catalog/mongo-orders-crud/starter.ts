import { MongoClient, MongoServerError, type Decimal128, type ObjectId } from 'mongodb';

// MONGODB_URI names your own database, so client.db() with no argument opens it.
const client = new MongoClient(process.env.MONGODB_URI!);
const db = client.db();

export interface OrderItem {
  sku: string;
  name: string;
  price: Decimal128;
  qty: number;
  shipped: boolean;
}

export interface NewOrder {
  orderNo: string;
  customerId: string;
  status: 'pending' | 'paid' | 'cancelled' | 'refunded';
  createdAt: Date;
  items: OrderItem[];
  /** Written by the checkout service; never shown to customers. */
  internal?: { fraudScore: number; paymentRef: string };
}

interface Order extends NewOrder {
  /** How many lines have shipped; starts at 0. */
  shippedCount: number;
}

/** What a customer sees of an order. */
export type OrderSummary = Pick<Order, 'orderNo' | 'status' | 'createdAt' | 'items'>;

export interface CustomerRevenue {
  customerId: string;
  revenue: Decimal128;
  units: number;
}

const orders = db.collection<Order>('orders');

/** Create the indexes the functions below rely on. Runs at every start, so it must be idempotent. */
export async function ensureIndexes(): Promise<void> {
  // TODO: a unique index on orderNo, and a compound index that serves ordersFor's filter and sort.
}

/** Insert `order` with shippedCount: 0 and return its _id; return null if the orderNo is taken. */
export async function addOrder(order: NewOrder): Promise<ObjectId | null> {
  // TODO: insertOne; a MongoServerError with code 11000 means the orderNo is taken. Any other error is the caller's business.
  throw new Error('addOrder is not implemented yet');
}

/** The customer's newest orders first, at most `limit` (default 10), with only the OrderSummary fields. */
export async function ordersFor(customerId: string, { limit = 10 }: { limit?: number } = {}): Promise<OrderSummary[]> {
  // TODO: find with a filter and a projection, sort, limit.
  return [];
}

/** Mark line `sku` of order `orderNo` shipped and add 1 to shippedCount, in one atomic update.
 *  true if this call shipped it; false if the order or line does not exist or it had already shipped. */
export async function markShipped(orderNo: string, sku: string): Promise<boolean> {
  // TODO: one updateOne; no findOne first.
  return false;
}

/** Per customer, over paid orders only: revenue = Σ price × qty (Decimal128), units = Σ qty.
 *  Highest revenue first; ties by customerId. */
export async function revenueByCustomer(): Promise<CustomerRevenue[]> {
  // TODO: orders.aggregate([...]): $match, $unwind, $group, $sort, $project.
  return [];
}

export async function main(): Promise<void> {
  await ensureIndexes();
  console.log(await ordersFor('c-007', { limit: 3 }));
  console.log((await revenueByCustomer()).slice(0, 3));
  await client.close();
}
