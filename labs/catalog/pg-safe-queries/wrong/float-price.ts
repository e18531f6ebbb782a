// WRONG: parses numeric prices into floats. 9.90 becomes 9.9 and 0.10 becomes 0.1: the exact
// decimal the database holds is lost.
import pg from 'pg';

// One pool per process, created once; DATABASE_URL is the learner's connection string.
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

interface UserRow {
  id: string; // int8 arrives as a string: https://node-postgres.com/features/types
  email: string;
  name: string;
  created_at: Date; // timestamptz is parsed into a Date
}

export async function findUserByEmail(email: string): Promise<User | null> {
  const { rows } = await pool.query<UserRow>('SELECT id, email, name, created_at FROM users WHERE email = $1', [email]);
  const row = rows[0];
  if (!row) return null;
  return { id: Number(row.id), email: row.email, name: row.name, createdAt: row.created_at };
}

/** Backslash is LIKE's default escape character: https://www.postgresql.org/docs/current/functions-matching.html#FUNCTIONS-LIKE */
function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => '\\' + c);
}

export async function searchProducts(term: string): Promise<Product[]> {
  const { rows } = await pool.query<{ id: string; name: string; price: string }>(
    'SELECT id, name, price FROM products WHERE name ILIKE $1 ORDER BY name, id',
    ['%' + escapeLike(term) + '%'],
  );
  return rows.map((r) => ({ id: Number(r.id), name: r.name, price: parseFloat(r.price) as unknown as string }));
}

export async function countUsers(): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM users');
  return Number(rows[0].n);
}

export async function main(): Promise<void> {
  console.log(await findUserByEmail("o'brien@example.com"));
  console.log(await searchProducts('usb'));
  console.log('users:', await countUsers());
  await pool.end();
}
