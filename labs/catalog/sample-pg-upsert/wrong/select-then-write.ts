import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });

// Wrong: check-then-act. Correct one call at a time, but racing calls both see "missing"
// and both INSERT (unique violation), or read the same version and lose updates.
export async function upsertProduct(sku: string, name: string, priceCents: number) {
  const found = await pool.query('SELECT version FROM products WHERE sku = $1', [sku]);
  if (found.rows.length === 0) {
    await pool.query('INSERT INTO products (sku, name, price_cents) VALUES ($1, $2, $3)', [sku, name, priceCents]);
    return { sku, name, priceCents, version: 1 };
  }
  const version = found.rows[0].version + 1;
  await pool.query('UPDATE products SET name = $2, price_cents = $3, version = $4 WHERE sku = $1', [sku, name, priceCents, version]);
  return { sku, name, priceCents, version };
}
