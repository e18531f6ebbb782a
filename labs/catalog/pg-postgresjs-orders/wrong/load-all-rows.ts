// Reference solution for pg-postgresjs-orders.
// Tagged templates, sql(array), fragments: https://github.com/porsager/postgres#queries
// Transactions: https://github.com/porsager/postgres#transactions
// Cursors: https://github.com/porsager/postgres#cursors
import postgres from 'postgres';

// One pool for the module: max 10 connections by default (https://github.com/porsager/postgres#connection-details).
const sql = postgres(process.env.DATABASE_URL!, { onnotice: () => {} });

export interface Product {
  id: number;
  sku: string;
  name: string;
  category: string;
  price_cents: number;
  stock: number;
}

export interface Event {
  id: string; // bigint: postgres.js returns int8 as a string unless you opt into BigInt
  kind: string;
  payload: string;
}

/** Provided: records one exported batch (the stand-in for "upload part N"). Do not change it. */
export async function savePart(rows: Event[]): Promise<void> {
  await sql`
    INSERT INTO export_parts (first_id, last_id, row_count)
    VALUES (${rows[0].id}, ${rows[rows.length - 1].id}, ${rows.length})`;
}

/** Products in any of `categories`, optionally at most `maxPriceCents`, ordered by id. */
export async function searchProducts(categories: string[], maxPriceCents?: number): Promise<Product[]> {
  if (categories.length === 0) return [];
  // A nested sql`` is a fragment: its parameters join the outer query's. The empty sql`` adds nothing.
  const priceFilter = maxPriceCents === undefined ? sql`` : sql`AND price_cents <= ${maxPriceCents}`;
  return sql<Product[]>`
    SELECT id, sku, name, category, price_cents, stock FROM products
    WHERE category IN ${sql(categories)} ${priceFilter}
    ORDER BY id`;
}

/** Creates an order with its items and takes the stock, all or nothing. Returns the order id. */
export async function placeOrder(customerId: number, items: Array<{ productId: number; qty: number }>): Promise<string> {
  return sql.begin(async (tx) => {
    const [order] = await tx<{ id: string }[]>`INSERT INTO orders (customer_id) VALUES (${customerId}) RETURNING id`;
    for (const { productId, qty } of items) {
      // The CHECK (stock >= 0) rejects an oversell inside the database (SQLSTATE 23514).
      const taken = await tx`UPDATE products SET stock = stock - ${qty} WHERE id = ${productId} RETURNING stock`;
      if (taken.count !== 1) throw new Error(`product ${productId} does not exist`);
      await tx`INSERT INTO order_items (order_id, product_id, qty) VALUES (${order.id}, ${productId}, ${qty})`;
    }
    return order.id;
  });
}

/** The products with these ids, in the same order (null where none exists). */
export async function fetchProducts(ids: number[]): Promise<Array<Product | null>> {
  // Promise.all keeps input order; postgres.js queues the queries over at most `max` connections.
  const results = await Promise.all(
    ids.map((id) => sql<Product[]>`SELECT id, sku, name, category, price_cents, stock FROM products WHERE id = ${id}`),
  );
  return results.map((rows) => rows[0] ?? null);
}

/** Streams every event (ORDER BY id) in batches of batchSize, calling savePart once per batch. */
export async function exportEvents(batchSize: number): Promise<{ parts: number; rows: number }> {
  // Wrong: awaiting the query buffers all 20,000 rows before the first batch is saved.
  const all = await sql<Event[]>`SELECT id, kind, payload FROM events ORDER BY id`;
  let parts = 0;
  for (let i = 0; i < all.length; i += batchSize) {
    await savePart(all.slice(i, i + batchSize));
    parts += 1;
  }
  return { parts, rows: all.length };
}

/** The Run button calls this. */
export async function main(): Promise<void> {
  console.log(await searchProducts(['books', "kids' toys"], 1_000));
  console.log('order', await placeOrder(7, [{ productId: 1, qty: 1 }, { productId: 2, qty: 2 }]));
  console.log(await fetchProducts([3, 1, 2]));
  console.log(await exportEvents(5_000));
  await sql.end();
}
