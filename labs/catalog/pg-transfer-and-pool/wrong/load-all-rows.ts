// WRONG: the parts look right, but the whole 50,000-row result is loaded into memory first and
// sliced afterwards. With a bigger table this is the out-of-memory crash cursors exist to prevent.
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

/** Provided: records one exported batch (the stand-in for "upload part N"). */
export async function savePart(db: pg.ClientBase, rows: Order[]): Promise<void> {
  const total = rows.reduce((sum, r) => sum + BigInt(r.amount_cents), 0n);
  await db.query('INSERT INTO export_parts (first_id, last_id, row_count, total_cents) VALUES ($1, $2, $3, $4)', [
    rows[0].id,
    rows[rows.length - 1].id,
    rows.length,
    total.toString(),
  ]);
}

export async function transfer(fromId: number, toId: number, amountCents: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Lower id first would also avoid deadlocks between opposite transfers; here the order is
    // debit then credit, and the overdraft CHECK fires on the debit (SQLSTATE 23514).
    const debit = await client.query('UPDATE accounts SET balance_cents = balance_cents - $1 WHERE id = $2', [amountCents, fromId]);
    if (debit.rowCount !== 1) throw new Error(`account ${fromId} does not exist`);
    const credit = await client.query('UPDATE accounts SET balance_cents = balance_cents + $1 WHERE id = $2', [amountCents, toId]);
    if (credit.rowCount !== 1) throw new Error(`account ${toId} does not exist`);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

export async function exportOrders(batchSize: number): Promise<{ parts: number; rows: number }> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<Order>('SELECT id, customer_id, amount_cents, created_at FROM orders ORDER BY id');
    let parts = 0;
    for (let i = 0; i < rows.length; i += batchSize) {
      await savePart(client, rows.slice(i, i + batchSize));
      parts += 1;
    }
    return { parts, rows: rows.length };
  } finally {
    client.release();
  }
}

export async function main(): Promise<void> {
  await transfer(1, 2, 2_500);
  await transfer(5, 6, 100).catch((e: Error) => console.log('refused:', e.message));
  console.log(await exportOrders(5_000));
  await pool.end();
}
