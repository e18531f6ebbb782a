// WRONG: releases the client only after COMMIT. Every failed transfer keeps its client checked
// out forever; after 10 failures (pg.Pool's default max) the next pool.connect() waits forever.
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
    client.release();
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

export async function exportOrders(batchSize: number): Promise<{ parts: number; rows: number }> {
  // FETCH takes no bind parameters, so this number goes into the SQL text: validate it first.
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('batchSize must be a positive integer');
  const client = await pool.connect();
  let parts = 0;
  let rows = 0;
  try {
    await client.query('BEGIN');
    await client.query('DECLARE orders_cur NO SCROLL CURSOR FOR SELECT id, customer_id, amount_cents, created_at FROM orders ORDER BY id');
    for (;;) {
      const batch = await client.query<Order>(`FETCH ${batchSize} FROM orders_cur`);
      if (batch.rows.length === 0) break;
      await savePart(client, batch.rows);
      parts += 1;
      rows += batch.rows.length;
    }
    await client.query('CLOSE orders_cur');
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
  return { parts, rows };
}

export async function main(): Promise<void> {
  await transfer(1, 2, 2_500);
  await transfer(5, 6, 100).catch((e: Error) => console.log('refused:', e.message));
  console.log(await exportOrders(5_000));
  await pool.end();
}
