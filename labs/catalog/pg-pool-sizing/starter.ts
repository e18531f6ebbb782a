// pg-pool-sizing — a reports service that must live within 5 database connections.
// Your connection string is in process.env.DATABASE_URL. Table (already created for you):
//   sales(id int, region text, amount_cents bigint)  — regions: north, south, east, west, central
// While the checks run, the database accepts exactly CONNECTION_BUDGET connections from you;
// the next one is refused with "too many connections" (SQLSTATE 53300).
import pg from 'pg';

/** The connections this service may hold. */
export const CONNECTION_BUDGET = 5;

// TODO: size this pool for the budget (the default max is 10), name it with
// application_name: 'reports' so it shows up in pg_stat_activity, and set a
// connectionTimeoutMillis (the default 0 waits forever) so a saturated pool fails within 2 s.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
// An idle client can lose its connection; without a listener the 'error' event crashes the process.
pool.on('error', (err) => console.error('idle client error:', err.message));

/** Runs fn on one pooled client and gives the client back on every path. */
export async function withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // TODO: this never gives the client back. Release it on success AND when fn throws.
  return fn(client);
}

/** Provided: total sales of one region in cents; rejects for a region with no sales. Do not change it. */
export async function reportTotal(region: string): Promise<number> {
  return withClient(async (client) => {
    const { rows } = await client.query<{ n: number; total: string | null }>(
      'SELECT count(*)::int AS n, sum(amount_cents)::text AS total FROM sales WHERE region = $1',
      [region],
    );
    if (rows[0].n === 0) throw new Error(`unknown region: ${region}`);
    return Number(rows[0].total);
  });
}

/** Totals for every region, in the order given, never more than the pool's max at a time. */
export async function runBatch(regions: string[]): Promise<number[]> {
  // TODO: run reportTotal for every region with at most CONNECTION_BUDGET in flight,
  // and put each answer at its region's index.
  void regions;
  throw new Error('runBatch is not implemented yet');
}

/** Provided: what the pool holds right now (pg-pool's counters). */
export async function poolStats(): Promise<{ total: number; idle: number; waiting: number }> {
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
}

/** Close every connection so the process can exit cleanly. */
export async function shutdown(): Promise<void> {
  // TODO: end the pool.
}

export async function main(): Promise<void> {
  console.log(await runBatch(['north', 'south', 'east', 'west', 'central', 'north']));
  await reportTotal('atlantis').catch((e: Error) => console.log('refused:', e.message));
  console.log(await poolStats());
  await shutdown();
}
