// Seed data for mongo-change-feed: 60 customers, 1,250 orders, and the lookup gauge at zero.
// The gauge is how the checks see concurrency without timing: lookupCustomer() raises
// `inFlight` before its read and lowers it after, and a pipeline update keeps the high-water
// mark in `max` atomically on the server (https://www.mongodb.com/docs/manual/tutorial/update-documents-with-aggregation-pipeline/).
import type { Document } from 'mongodb';
import { defineFixture } from '../../engine/contracts/checks.ts';

export const CUSTOMERS = 60;
export const ORDERS = 1250;

export const customerId = (n: number) => `c-${String(n).padStart(3, '0')}`;
export const orderId = (n: number) => `o-${String(n).padStart(5, '0')}`;

export function seedCustomers(): Document[] {
  return Array.from({ length: CUSTOMERS }, (_, i) => ({ _id: customerId(i + 1), name: `Customer ${i + 1}`, tier: i % 4 === 0 ? 'pro' : 'free' }));
}

export function seedOrders(): Document[] {
  // Inserted in a shuffled order, so an export that forgets to sort by _id shows it.
  return Array.from({ length: ORDERS }, (_, i) => {
    const n = (i * 7919) % ORDERS;
    return { _id: orderId(n), customerId: customerId(1 + (n % CUSTOMERS)), amount: 5 + (n % 17), status: 'paid' };
  });
}

export default defineFixture(async ({ mongo }) => {
  if (!mongo) throw new Error('mongo-change-feed needs the mongo backend');
  await mongo.db.collection('customers').insertMany(seedCustomers());
  await mongo.db.collection('orders').insertMany(seedOrders());
  await mongo.db.collection('gauge').insertOne({ _id: 'lookups', inFlight: 0, max: 0, calls: 0 } as Document);
});
