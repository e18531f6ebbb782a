import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });

export interface Product {
  sku: string;
  name: string;
  priceCents: number;
  version: number;
}

/** Insert or update in one statement: the row lock taken by ON CONFLICT serializes racers. */
export async function upsertProduct(sku: string, name: string, priceCents: number): Promise<Product> {
  const { rows } = await pool.query<{ sku: string; name: string; price_cents: number; version: number }>(
    `INSERT INTO products (sku, name, price_cents) VALUES ($1, $2, $3)
     ON CONFLICT (sku) DO UPDATE
       SET name = EXCLUDED.name, price_cents = EXCLUDED.price_cents, version = products.version + 1
     RETURNING sku, name, price_cents, version`,
    [sku, name, priceCents],
  );
  const row = rows[0];
  return { sku: row.sku, name: row.name, priceCents: row.price_cents, version: row.version };
}

export async function main(): Promise<void> {
  console.log(await upsertProduct('KB-01', 'Keyboard', 4999));
  console.log(await upsertProduct('KB-01', 'Keyboard (ISO)', 5499));
  await pool.end();
}
