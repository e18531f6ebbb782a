// pg-postgresjs-orders — safe queries, a transaction, concurrency and a cursor, with postgres.js.
// Your connection string is in process.env.DATABASE_URL. Tables (already created for you):
//   products(id int, sku text, name text, category text, price_cents int, stock int CHECK (stock >= 0))
//   orders(id bigserial, customer_id int, created_at timestamptz)
//   order_items(order_id bigint, product_id int, qty int)
//   events(id bigint, kind text, payload text)  — 20,000 rows
//   export_parts(...)  — written by savePart() below
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
  // TODO: this pastes the input into the SQL text: an apostrophe breaks it and a crafted name runs as SQL.
  // Use sql`…` with sql(categories) for the IN list and a nested sql`` fragment for the optional price filter.
  const list = categories.map((c) => `'${c}'`).join(', ');
  const price = maxPriceCents === undefined ? '' : `AND price_cents <= ${maxPriceCents}`;
  return sql.unsafe<Product[]>(`SELECT id, sku, name, category, price_cents, stock FROM products WHERE category IN (${list}) ${price} ORDER BY id`);
}

/** Creates an order with its items and takes the stock, all or nothing. Returns the order id. */
export async function placeOrder(customerId: number, items: Array<{ productId: number; qty: number }>): Promise<string> {
  // TODO: three separate autocommitted statements per order — if a later item fails, the earlier writes stay.
  // Wrap them in sql.begin(async (tx) => { … }), send every query through tx and await each one.
  const [order] = await sql<{ id: string }[]>`INSERT INTO orders (customer_id) VALUES (${customerId}) RETURNING id`;
  for (const { productId, qty } of items) {
    await sql`UPDATE products SET stock = stock - ${qty} WHERE id = ${productId}`;
    await sql`INSERT INTO order_items (order_id, product_id, qty) VALUES (${order.id}, ${productId}, ${qty})`;
  }
  return order.id;
}

/** The products with these ids, in the same order (null where none exists). */
export async function fetchProducts(ids: number[]): Promise<Array<Product | null>> {
  // TODO: fetch the products concurrently and answer in the order of `ids` (null where none exists).
  console.log('fetchProducts is not written yet', ids.length);
  return [];
}

/** Streams every event (ORDER BY id) in batches of batchSize, calling savePart once per batch. */
export async function exportEvents(batchSize: number): Promise<{ parts: number; rows: number }> {
  // TODO: stream SELECT … FROM events ORDER BY id through .cursor(batchSize, callback), calling savePart per batch.
  console.log('exportEvents is not written yet', batchSize);
  return { parts: 0, rows: 0 };
}

/** The Run button calls this. */
export async function main(): Promise<void> {
  console.log(await searchProducts(['books', "kids' toys"], 1_000));
  console.log('order', await placeOrder(7, [{ productId: 1, qty: 1 }, { productId: 2, qty: 2 }]));
  console.log(await fetchProducts([3, 1, 2]));
  console.log(await exportEvents(5_000));
  await sql.end();
}
