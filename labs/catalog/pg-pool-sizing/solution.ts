// Reference solution for pg-pool-sizing.
// Pool options and defaults: https://node-postgres.com/apis/pool
// Checkout and release: https://node-postgres.com/features/pooling
import pg from 'pg';

/** The connections this service may hold (the database refuses the 6th with SQLSTATE 53300). */
export const CONNECTION_BUDGET = 5;

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: CONNECTION_BUDGET,
  // Shows up in pg_stat_activity.application_name, so the DBA can tell whose connections these are.
  application_name: 'reports',
  // 0 (the default) waits forever for a free client; fail fast instead and let the caller decide.
  connectionTimeoutMillis: 1_000,
});
// An idle client can lose its connection; without a listener the 'error' event crashes the process.
pool.on('error', (err) => console.error('idle client error:', err.message));

/** Runs fn on one pooled client and gives the client back on every path. */
export async function withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}

/** Provided: total sales of one region in cents; rejects for a region with no sales. */
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
  const results: number[] = new Array(regions.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < regions.length) {
      const i = next++;
      results[i] = await reportTotal(regions[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONNECTION_BUDGET, regions.length) }, worker));
  return results;
}

/** What the pool holds right now (pg-pool's counters). */
export async function poolStats(): Promise<{ total: number; idle: number; waiting: number }> {
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
}

export async function shutdown(): Promise<void> {
  await pool.end();
}

export async function main(): Promise<void> {
  console.log(await runBatch(['north', 'south', 'east', 'west', 'central', 'north']));
  await reportTotal('atlantis').catch((e: Error) => console.log('refused:', e.message));
  console.log(await poolStats());
  await shutdown();
}
