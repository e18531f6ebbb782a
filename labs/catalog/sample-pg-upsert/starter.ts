import pg from 'pg';

// One pool for the whole module; DATABASE_URL points at your own database.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });

export interface Product {
  sku: string;
  name: string;
  priceCents: number;
  version: number;
}

/**
 * Insert the product, or update name and price when the SKU exists (bumping `version`),
 * and return the stored row — in a single SQL statement.
 */
export async function upsertProduct(sku: string, name: string, priceCents: number): Promise<Product> {
  // TODO: one INSERT … ON CONFLICT … RETURNING statement.
  throw new Error('upsertProduct is not implemented yet');
}

export async function main(): Promise<void> {
  console.log(await upsertProduct('KB-01', 'Keyboard', 4999));
  console.log(await upsertProduct('KB-01', 'Keyboard (ISO)', 5499));
  await pool.end();
}
