// Seed data for mongo-aggregation-report: 32 customers in `customers` and about 1,200 orders in
// `orders` from January to April 2026, totals as Decimal128 (money must not be a binary double:
// https://www.mongodb.com/docs/manual/tutorial/model-monetary-data/).
// Orders arrive in batches that share one createdAt (an import that stamps a whole batch with the
// same minute), so a page boundary often falls inside a tie: a seek key of createdAt alone loses
// orders, createdAt plus _id does not.
import { Decimal128, ObjectId, type Document } from 'mongodb';
import { defineFixture } from '../../engine/contracts/checks.ts';

export const ORDERS = 'orders';
export const CUSTOMERS = 'customers';
export const COUNTRIES = ['DE', 'FR', 'NL', 'SE'] as const;
/** First day of the seeded months, and the first day after them (UTC). */
export const FIRST_DAY = new Date(Date.UTC(2026, 0, 1));
export const END_DAY = new Date(Date.UTC(2026, 4, 1));
/** Two Swedish customers with exactly equal March revenue: ties are broken by customerId. */
export const TIE_MONTH = '2026-03';
export const TIE_CUSTOMERS = ['c-041', 'c-040'];

/** Deterministic PRNG (mulberry32), so every run seeds the same data. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['Anna', 'Bram', 'Chloé', 'Dag', 'Elif', 'Femke', 'Gustav', 'Hugo', 'Ines', 'Jonas', 'Karin', 'Lars', 'Mila', 'Nils', 'Odile', 'Pieter'];

export function seedCustomers(): Document[] {
  const customers: Document[] = Array.from({ length: 30 }, (_, i) => ({
    _id: `c-${String(i + 1).padStart(3, '0')}`,
    name: `${NAMES[i % NAMES.length]} ${String.fromCharCode(65 + ((i * 7) % 26))}.`,
    country: COUNTRIES[(i * 5 + Math.floor(i / 4)) % COUNTRIES.length],
  }));
  customers.push({ _id: 'c-040', name: 'Tove S.', country: 'SE' }, { _id: 'c-041', name: 'Ulla B.', country: 'SE' });
  return customers;
}

/** A price in cents with awkward tenths (0.10, 0.20, 0.30 …) that binary doubles cannot hold exactly. */
const money = (cents: number) => Decimal128.fromString((cents / 100).toFixed(2));

const STATUSES = ['paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'pending', 'cancelled', 'refunded'];

export function seedOrders(): Document[] {
  const rnd = random(6203);
  const orders: Document[] = [];
  let at = FIRST_DAY.getTime() + 7 * 3_600_000;
  let n = 0;
  while (at < END_DAY.getTime() - 86_400_000) {
    // One batch: 1–4 orders stamped with the same minute.
    const batch = 1 + Math.floor(rnd() * 4);
    for (let b = 0; b < batch; b++) {
      const customer = `c-${String(1 + Math.floor(rnd() * 30)).padStart(3, '0')}`;
      orders.push({
        _id: new ObjectId(),
        orderNo: `B-${50001 + n++}`,
        customerId: customer,
        status: STATUSES[Math.floor(rnd() * STATUSES.length)],
        createdAt: new Date(at),
        total: money(10 * (1 + Math.floor(rnd() * 1200)) + (rnd() < 0.3 ? 9 : 0)),
      });
    }
    at += 60_000 * (180 + Math.floor(rnd() * 360));
  }
  // The tie: two orders each, same amounts, in March.
  for (const [i, customerId] of TIE_CUSTOMERS.entries()) {
    for (const [k, cents] of [4210, 1990].entries()) {
      orders.push({ _id: new ObjectId(), orderNo: `B-400${i}${k}`, customerId, status: 'paid', createdAt: new Date(Date.UTC(2026, 2, 10 + k, 12, i)), total: money(cents) });
    }
  }
  return orders;
}

export default defineFixture(async ({ mongo }) => {
  if (!mongo) throw new Error('mongo-aggregation-report needs the mongo backend');
  await mongo.db.collection(CUSTOMERS).insertMany(seedCustomers());
  await mongo.db.collection(ORDERS).insertMany(seedOrders());
});
