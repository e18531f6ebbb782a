// pg-transfer-and-pool — money moves and a big export, with node-postgres.
// Your connection string is in process.env.DATABASE_URL. Tables (already created for you):
//   accounts(id int, owner text, balance_cents bigint CHECK (balance_cents >= 0))
//   orders(id bigint, customer_id int, amount_cents bigint, created_at timestamptz)  — 50,000 rows
//   export_parts(...)  — written by savePart() below
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
// An idle client can lose its connection; without a listener the 'error' event crashes the process.
pool.on('error', (err) => console.error('idle client error:', err.message));

export interface Order {
  id: string; // bigint: node-postgres returns int8 as a string
  customer_id: number;
  amount_cents: string;
  created_at: Date;
}

/** Provided: records one exported batch (the stand-in for "upload part N"). Do not change it. */
export async function savePart(db: pg.ClientBase, rows: Order[]): Promise<void> {
  const total = rows.reduce((sum, r) => sum + BigInt(r.amount_cents), 0n);
  await db.query('INSERT INTO export_parts (first_id, last_id, row_count, total_cents) VALUES ($1, $2, $3, $4)', [
    rows[0].id,
    rows[rows.length - 1].id,
    rows.length,
    total.toString(),
  ]);
}

/**
 * Move amountCents from one account to the other, all or nothing.
 * Rejects (and changes nothing) when an account does not exist or the balance would go negative.
 */
export async function transfer(fromId: number, toId: number, amountCents: number): Promise<void> {
  // TODO: this is two separate autocommitted statements — if the second fails, the first stays.
  // Check out ONE client with pool.connect(), wrap both UPDATEs in BEGIN/COMMIT, ROLLBACK on any
  // error, and release the client on every path.
  await pool.query('UPDATE accounts SET balance_cents = balance_cents - $1 WHERE id = $2', [amountCents, fromId]);
  await pool.query('UPDATE accounts SET balance_cents = balance_cents + $1 WHERE id = $2', [amountCents, toId]);
}

/**
 * Read every order (ORDER BY id) in batches of batchSize and call savePart once per batch,
 * without ever holding more than one batch in memory. Returns how many parts and rows it wrote.
 */
export async function exportOrders(batchSize: number): Promise<{ parts: number; rows: number }> {
  // TODO: DECLARE a cursor inside a transaction on one client and FETCH batchSize rows at a time.
  return { parts: 0, rows: 0 };
}

/** The Run button calls this. */
export async function main(): Promise<void> {
  await transfer(1, 2, 2_500);
  await transfer(5, 6, 100).catch((e: Error) => console.log('refused:', e.message));
  console.log(await exportOrders(5_000));
  await pool.end();
}
