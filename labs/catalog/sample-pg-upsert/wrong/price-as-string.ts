import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });

// Wrong: returns the price formatted as a string instead of integer cents.
export async function upsertProduct(sku: string, name: string, priceCents: number) {
  const { rows } = await pool.query(
    `INSERT INTO products (sku, name, price_cents) VALUES ($1, $2, $3)
     ON CONFLICT (sku) DO UPDATE
       SET name = EXCLUDED.name, price_cents = EXCLUDED.price_cents, version = products.version + 1
     RETURNING sku, name, price_cents::text AS price_cents, version`,
    [sku, name, priceCents],
  );
  return { sku: rows[0].sku, name: rows[0].name, priceCents: rows[0].price_cents, version: rows[0].version };
}
