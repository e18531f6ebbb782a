// Wrong: no projection: _id and the internal fraud score reach the customer.
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

export async function ensureIndexes(): Promise<void> {
  await orders.createIndexes([
    { key: { orderNo: 1 }, unique: true },
    // Equality field first, then the sort field: one index range, already newest first.
    { key: { customerId: 1, createdAt: -1 } },
  ]);
}

export async function addOrder(order: NewOrder): Promise<ObjectId | null> {
  try {
    const { insertedId } = await orders.insertOne({ ...order, shippedCount: 0 });
    return insertedId;
  } catch (e) {
    if (e instanceof MongoServerError && e.code === 11000) return null;
    throw e;
  }
}

export async function ordersFor(customerId: string, { limit = 10 }: { limit?: number } = {}): Promise<OrderSummary[]> {
  return orders
    .find({ customerId })
    .sort({ createdAt: -1 })
    .limit(limit)
    .toArray();
}

export async function markShipped(orderNo: string, sku: string): Promise<boolean> {
  const { modifiedCount } = await orders.updateOne(
    { orderNo, items: { $elemMatch: { sku, shipped: false } } },
    { $set: { 'items.$.shipped': true }, $inc: { shippedCount: 1 } },
  );
  return modifiedCount === 1;
}

export async function revenueByCustomer(): Promise<CustomerRevenue[]> {
  return orders
    .aggregate<CustomerRevenue>([
      { $match: { status: 'paid' } },
      { $unwind: '$items' },
      {
        $group: {
          _id: '$customerId',
          revenue: { $sum: { $multiply: ['$items.price', '$items.qty'] } },
          units: { $sum: '$items.qty' },
        },
      },
      { $sort: { revenue: -1, _id: 1 } },
      { $project: { _id: 0, customerId: '$_id', revenue: 1, units: 1 } },
    ])
    .toArray();
}

export async function main(): Promise<void> {
  await ensureIndexes();
  console.log(await ordersFor('c-007', { limit: 3 }));
  console.log((await revenueByCustomer()).slice(0, 3));
  await client.close();
}
