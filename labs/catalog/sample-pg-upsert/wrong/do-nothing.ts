import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });

// Wrong: DO NOTHING never updates an existing product (and RETURNING yields no row then).
export async function upsertProduct(sku: string, name: string, priceCents: number) {
  const { rows } = await pool.query(
    `INSERT INTO products (sku, name, price_cents) VALUES ($1, $2, $3)
     ON CONFLICT (sku) DO NOTHING RETURNING sku, name, price_cents, version`,
    [sku, name, priceCents],
  );
  const row = rows[0] ?? (await pool.query('SELECT * FROM products WHERE sku = $1', [sku])).rows[0];
  return { sku: row.sku, name: row.name, priceCents: row.price_cents, version: row.version };
}
