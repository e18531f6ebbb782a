import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });

// Wrong: updates name and price but forgets to bump the version.
export async function upsertProduct(sku: string, name: string, priceCents: number) {
  const { rows } = await pool.query(
    `INSERT INTO products (sku, name, price_cents) VALUES ($1, $2, $3)
     ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, price_cents = EXCLUDED.price_cents
     RETURNING sku, name, price_cents, version`,
    [sku, name, priceCents],
  );
  return { sku: rows[0].sku, name: rows[0].name, priceCents: rows[0].price_cents, version: rows[0].version };
}
