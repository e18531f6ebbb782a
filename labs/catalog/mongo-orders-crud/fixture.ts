// Seed data for mongo-orders-crud: 427 orders of 29 customers in `orders`, prices as Decimal128
// (money must not be a binary double: https://www.mongodb.com/docs/manual/tutorial/model-monetary-data/).
// The collection has a $jsonSchema validator, so a malformed order fails with code 121
// (DocumentValidationFailure) — an error addOrder must not mistake for a duplicate.
// https://www.mongodb.com/docs/manual/core/schema-validation/
import { Decimal128, type Document } from 'mongodb';
import { defineFixture } from '../../engine/contracts/checks.ts';

export const COLLECTION = 'orders';
/** A customer with many orders, so `limit` and the newest-first order matter. */
export const HEAVY_CUSTOMER = 'c-007';
/** A customer whose orders were all cancelled: no revenue. */
export const CANCELLED_CUSTOMER = 'c-099';
/** An order with three lines; the mug line has already shipped. */
export const SHIP_ORDER = 'A-20001';
/** An order with eight lines, none shipped: the concurrency check ships them all at once. */
export const BURST_ORDER = 'A-20002';

const CATALOG: Array<[sku: string, name: string, price: string]> = [
  ['MUG-BLU', 'Blue enamel mug', '12.90'],
  ['TEA-ASM', 'Assam tea, 250 g', '7.45'],
  ['KET-STL', 'Steel kettle', '49.99'],
  ['SPN-WOD', 'Wooden spoon', '3.10'],
  ['CUP-ESP', 'Espresso cup', '8.75'],
  ['FLT-PPR', 'Paper filters x100', '4.99'],
  ['GRN-HND', 'Hand grinder', '64.00'],
  ['BEA-ETH', 'Ethiopian beans, 1 kg', '29.95'],
  ['TRY-BMB', 'Bamboo tray', '19.99'],
  ['CZY-WOL', 'Wool tea cosy', '15.50'],
  ['SCL-DIG', 'Digital scale', '24.30'],
  ['STR-SUG', 'Sugar sticks x50', '0.10'],
];

/** Deterministic PRNG (mulberry32), so every run seeds the same orders. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function item(i: number, qty: number, shipped = false): Document {
  const [sku, name, price] = CATALOG[i % CATALOG.length];
  return { sku, name, price: Decimal128.fromString(price), qty, shipped };
}

const STATUSES = ['paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'pending', 'pending', 'cancelled', 'cancelled', 'refunded'];
const START = Date.UTC(2026, 0, 5, 8, 0, 0);

export function seedOrders(): Document[] {
  const rnd = random(623);
  const orders: Document[] = [];
  for (let n = 0; n < 420; n++) {
    // One order in ten belongs to the heavy customer; the rest spread over 25 customers.
    const customer = n % 10 === 3 ? HEAVY_CUSTOMER : `c-${String(10 + Math.floor(rnd() * 25)).padStart(3, '0')}`;
    const lines = 1 + Math.floor(rnd() * 4);
    const first = Math.floor(rnd() * CATALOG.length);
    const items = Array.from({ length: lines }, (_, l) => item(first + l * 5, 1 + Math.floor(rnd() * 4)));
    orders.push({
      orderNo: `A-${10001 + n}`,
      customerId: customer,
      status: STATUSES[Math.floor(rnd() * STATUSES.length)],
      // Strictly increasing, irregular gaps: no two orders share a createdAt.
      createdAt: new Date(START + n * 3_600_000 + Math.floor(rnd() * 3_000_000)),
      items,
      shippedCount: 0,
      internal: { fraudScore: Math.round(rnd() * 1000) / 1000, paymentRef: `pi_${(n * 7919).toString(36)}${Math.floor(rnd() * 1e6).toString(36)}` },
    });
  }
  for (let n = 0; n < 3; n++) {
    orders.push({
      orderNo: `A-1900${n}`, customerId: CANCELLED_CUSTOMER, status: 'cancelled', createdAt: new Date(START + n * 86_400_000),
      items: [item(n, 2)], shippedCount: 0, internal: { fraudScore: 0.91, paymentRef: `pi_void${n}` },
    });
  }
  // Two customers with equal revenue (listed c-201 first): the tie is broken by customerId.
  for (const [n, customerId] of ['c-201', 'c-200'].entries()) {
    orders.push({
      orderNo: `A-1910${n}`, customerId, status: 'paid', createdAt: new Date(START + (425 + n) * 3_600_000),
      items: [item(4, 2), item(9, 1)], shippedCount: 0, internal: { fraudScore: 0.1, paymentRef: `pi_tie${n}` },
    });
  }
  orders.push({
    orderNo: SHIP_ORDER, customerId: 'c-012', status: 'paid', createdAt: new Date(START + 430 * 3_600_000),
    items: [item(0, 2, true), item(1, 1), item(2, 1)], shippedCount: 1, internal: { fraudScore: 0.02, paymentRef: 'pi_ship1' },
  });
  orders.push({
    orderNo: BURST_ORDER, customerId: 'c-013', status: 'paid', createdAt: new Date(START + 431 * 3_600_000),
    items: Array.from({ length: 8 }, (_, i) => item(i, 1 + (i % 3))), shippedCount: 0, internal: { fraudScore: 0.05, paymentRef: 'pi_burst' },
  });
  return orders;
}

/** What every stored order must look like; the learner's new orders included. */
export const VALIDATOR = {
  $jsonSchema: {
    bsonType: 'object',
    required: ['orderNo', 'customerId', 'status', 'createdAt', 'items'],
    properties: {
      orderNo: { bsonType: 'string' },
      customerId: { bsonType: 'string' },
      status: { enum: ['pending', 'paid', 'cancelled', 'refunded'] },
      createdAt: { bsonType: 'date' },
      items: {
        bsonType: 'array',
        minItems: 1,
        items: {
          bsonType: 'object',
          required: ['sku', 'price', 'qty'],
          properties: { sku: { bsonType: 'string' }, price: { bsonType: 'decimal' }, qty: { bsonType: 'int', minimum: 1 }, shipped: { bsonType: 'bool' } },
        },
      },
    },
  },
};

export default defineFixture(async ({ mongo }) => {
  if (!mongo) throw new Error('mongo-orders-crud needs the mongo backend');
  await mongo.db.createCollection(COLLECTION, { validator: VALIDATOR });
  await mongo.db.collection(COLLECTION).insertMany(seedOrders());
});
