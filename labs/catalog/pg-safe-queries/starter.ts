// pg-safe-queries — the read side of a small shop, with node-postgres.
// Your connection string is in process.env.DATABASE_URL. Tables (already created for you):
//   users(id bigint, email text unique, name text, created_at timestamptz)
//   products(id bigint, name text, price numeric(10,2))
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
// An idle client can lose its connection (server restart, network); without a listener that
// 'error' event crashes the process: https://node-postgres.com/apis/pool#events
pool.on('error', (err) => console.error('idle client error:', err.message));

export interface User {
  id: number;
  email: string;
  name: string;
  createdAt: Date;
}

export interface Product {
  id: number;
  name: string;
  /** numeric(10,2) as exact text, e.g. "12.50" — never a float. */
  price: string;
}

/** The user with exactly this email, or null. */
export async function findUserByEmail(email: string): Promise<User | null> {
  // TODO: this glues the email into the SQL text. Try it with "o'brien@example.com".
  // Send the email as a parameter instead, and map the row to a User (id as a number,
  // created_at → createdAt).
  const { rows } = await pool.query(`SELECT id, email, name, created_at FROM users WHERE email = '${email}'`);
  return rows[0] ?? null;
}

/** Products whose name contains `term`, ignoring case, ordered by name. */
export async function searchProducts(term: string): Promise<Product[]> {
  // TODO: match names containing `term` (ILIKE), with the pattern bound as $1.
  // A '%' or '_' typed by the user must match only itself.
  return [];
}

/** How many users there are. */
export async function countUsers(): Promise<number> {
  // TODO: count(*) is an int8 — look at what type it arrives as.
  const { rows } = await pool.query('SELECT count(*) AS n FROM users');
  return rows[0].n;
}

/** The Run button calls this. */
export async function main(): Promise<void> {
  console.log(await findUserByEmail('ada@example.com'));
  console.log(await searchProducts('usb'));
  console.log('users:', await countUsers());
  await pool.end();
}
