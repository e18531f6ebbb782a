// Hidden checks for pg-pool-sizing. The budget is enforced by the server: while a check runs,
// the learner's database accepts 6 connections (ALTER DATABASE … CONNECTION LIMIT, which the
// database owner may set: https://www.postgresql.org/docs/current/sql-alterdatabase.html) — one
// for these checks, five for the learner's pool. Connections are counted in pg_stat_activity by
// application_name (https://www.postgresql.org/docs/current/monitoring-stats.html#MONITORING-PG-STAT-ACTIVITY-VIEW).
import type { Client } from 'pg';
import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import { REGIONS } from './fixture.ts';

type Ctx = CheckContext<typeof import('./solution.ts')>;

const BUDGET = 5;
/** Longest we wait for a call or a condition: a stuck call is reported, never waited out. */
const WAIT_MS = 3_000;

function db(ctx: Ctx): Client {
  if (!ctx.pg) throw new Error('pg-pool-sizing needs the postgres backend');
  return ctx.pg;
}

/** Runs fn with the database limited to the checks' connection plus BUDGET, then lifts the limit. */
async function withBudget(ctx: Ctx, fn: () => Promise<void>): Promise<void> {
  const setLimit = (n: number) =>
    db(ctx).query(`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I CONNECTION LIMIT ${n}', current_database()); END $$`);
  await setLimit(BUDGET + 1);
  try {
    await fn();
  } finally {
    await setLimit(-1);
  }
}

/** Learner connections as the server sees them. pg_stat_clear_snapshot() because the view is cached per transaction. */
async function sessions(ctx: Ctx): Promise<Array<{ app: string; state: string; wait: string | null }>> {
  await db(ctx).query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await db(ctx).query<{ app: string; state: string; wait: string | null }>(
    `SELECT application_name AS app, coalesce(state, '') AS state, wait_event_type AS wait FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
  );
  return rows;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: Error } | 'stuck';

/** The call's outcome, or 'stuck' if it has not settled within ms. */
async function settle<T>(call: Promise<T>, ms = WAIT_MS): Promise<Outcome<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stuck = new Promise<'stuck'>((resolve) => (timer = setTimeout(() => resolve('stuck'), ms)));
  const outcome = call.then(
    (value) => ({ ok: true as const, value }),
    (error: Error) => ({ ok: false as const, error }),
  );
  try {
    return await Promise.race([outcome, stuck]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls until cond holds or WAIT_MS passes; returns whether it held. */
async function waitFor(cond: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    if (await cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
}

async function expectedTotals(ctx: Ctx, regions: readonly string[]): Promise<number[]> {
  const { rows } = await db(ctx).query<{ region: string; total: string }>('SELECT region, sum(amount_cents)::text AS total FROM sales GROUP BY region');
  const byRegion = new Map(rows.map((r) => [r.region, Number(r.total)]));
  return regions.map((r) => byRegion.get(r)!);
}

function tooMany(message: string): string {
  return /too many connections/i.test(message)
    ? ' The server refused a connection (SQLSTATE 53300): the pool opened more than the 5 the budget allows. Set max: CONNECTION_BUDGET, and create the Pool once at module level, not per call.'
    : '';
}

const BATCH = Array.from({ length: 40 }, (_, i) => REGIONS[(i * 3) % REGIONS.length]);

export default defineChecks<typeof import('./solution.ts')>([
  {
    task: 'pool-budget',
    name: "Reports run on at most 5 connections, all named 'reports'",
    async run(ctx: Ctx) {
      await withBudget(ctx, async () => {
        for (const region of REGIONS) {
          const r = await settle(ctx.learner.reportTotal(region));
          ctx.assert(r !== 'stuck', `reportTotal('${region}') did not settle in ${WAIT_MS / 1000} s with the database allowing 5 connections.`);
          ctx.assert(r.ok, `reportTotal('${region}') threw "${r.ok ? '' : r.error.message}".${r.ok ? '' : tooMany(r.error.message)}`);
        }
        const all = await sessions(ctx);
        const mine = all.filter((s) => s.app === 'reports');
        ctx.assert(
          mine.length > 0,
          `pg_stat_activity shows no connection with application_name 'reports' (found: ${all.map((s) => `'${s.app}'`).join(', ') || 'none'}). ` +
            "Pass application_name: 'reports' in the Pool's options so the server can tell whose connections these are.",
        );
        ctx.assert(mine.length <= BUDGET, `The server sees ${mine.length} 'reports' connections; the budget is ${BUDGET}. Create one Pool at module level with max: CONNECTION_BUDGET.`);
        const stats = await ctx.learner.poolStats();
        ctx.assert(
          stats.total === mine.length,
          `poolStats() says the pool holds ${stats.total} client(s) but the server sees ${mine.length} 'reports' connections. ` +
            'Connections the pool does not know about come from other Pool objects: create the Pool once, at module level.',
        );
      });
    },
  },
  {
    task: 'bounded-batch',
    name: 'runBatch() of 40 regions answers in order within the budget',
    async run(ctx: Ctx) {
      await withBudget(ctx, async () => {
        const expected = await expectedTotals(ctx, BATCH);
        const r = await settle(ctx.learner.runBatch([...BATCH]));
        ctx.assert(r !== 'stuck', `runBatch() of 40 regions did not settle in ${WAIT_MS / 1000} s (it needs well under one).`);
        ctx.assert(r.ok, `runBatch() threw "${r.ok ? '' : r.error.message}".${r.ok ? '' : tooMany(r.error.message) || ' If it is a timeout, the batch queued more requests in the pool than it can serve within connectionTimeoutMillis: run at most max at a time.'}`);
        ctx.assert(
          JSON.stringify(r.value) === JSON.stringify(expected),
          `runBatch() should answer each region's total at that region's index: expected [${expected.slice(0, 6).join(', ')}, …], got [${(r.value ?? []).slice(0, 6).join(', ')}, …].`,
        );
        const mine = (await sessions(ctx)).filter((s) => s.app === 'reports');
        ctx.assert(mine.length <= BUDGET, `After the batch the server sees ${mine.length} 'reports' connections; the budget is ${BUDGET}.`);
      });
    },
  },
  {
    task: 'always-release',
    name: '12 failing reports in a row, then a good one: every client is back in the pool',
    async run(ctx: Ctx) {
      await withBudget(ctx, async () => {
        for (let i = 1; i <= 12; i++) {
          const r = await settle(ctx.learner.reportTotal('atlantis'));
          const stats = r === 'stuck' ? undefined : await ctx.learner.poolStats();
          ctx.assert(
            r !== 'stuck',
            `Failing report #${i} of 12 waited ${WAIT_MS / 1000} s for a client. Earlier failures kept their clients checked out: release in a finally block.`,
          );
          ctx.assert(!r.ok, `reportTotal('atlantis') should reject (there is no such region), but it resolved on attempt #${i}.`);
          ctx.assert(
            /unknown region/.test(r.error.message),
            `Failing report #${i} of 12 should reject with "unknown region: atlantis", but it rejected with "${r.error.message}" ` +
              `(pool: ${stats?.total} clients, ${stats?.idle} idle). The earlier failures never released their clients, so the pool ran dry. ` +
              'Release in finally, not only after fn succeeds.',
          );
        }
        const good = await settle(ctx.learner.reportTotal('north'));
        ctx.assert(good !== 'stuck' && good.ok, `After 12 failed reports, reportTotal('north') failed: ${good === 'stuck' ? 'it never got a client' : good.ok ? '' : good.error.message}.`);
        const stats = await ctx.learner.poolStats();
        ctx.assert(
          stats.idle === stats.total && stats.waiting === 0,
          `With nothing running, every client should be idle in the pool, but poolStats() is ${JSON.stringify(stats)}: ` +
            `${stats.total - stats.idle} client(s) were never released. Put client.release() in a finally block.`,
        );
      });
    },
  },
  {
    task: 'fail-fast',
    name: 'With all 5 clients busy, a 6th report rejects within 2 seconds; the 5 then finish',
    async run(ctx: Ctx) {
      await withBudget(ctx, async () => {
        const pg = db(ctx);
        await pg.query('BEGIN');
        let busy: Promise<Array<PromiseSettledResult<number>>> = Promise.resolve([]);
        try {
          // Every report now waits on this lock while holding its pooled client.
          await pg.query('LOCK TABLE sales IN ACCESS EXCLUSIVE MODE');
          busy = Promise.allSettled(Array.from({ length: BUDGET }, (_, i) => ctx.learner.reportTotal(REGIONS[i])));
          const saturated = await waitFor(async () => (await sessions(ctx)).filter((s) => s.wait === 'Lock').length >= BUDGET);
          ctx.assert(saturated, `Five concurrent reports should hold five connections waiting on a lock; the server saw ${(await sessions(ctx)).filter((s) => s.wait === 'Lock').length}.`);
          const started = Date.now();
          const sixth = await settle(ctx.learner.reportTotal('north'));
          const took = Date.now() - started;
          ctx.assert(
            sixth !== 'stuck',
            `With all 5 clients busy, a 6th reportTotal() was still waiting after ${WAIT_MS / 1000} s. connectionTimeoutMillis defaults to 0, which means wait forever: ` +
              'set it (e.g. 1000) so a saturated pool rejects and the caller can shed load or answer 503.',
          );
          ctx.assert(!sixth.ok, 'With all 5 clients busy, a 6th report resolved: it must have run on a connection outside the pool.');
          ctx.assert(
            !tooMany(sixth.error.message),
            `The 6th report failed with "${sixth.error.message}".${tooMany(sixth.error.message)} The 6th request should wait in the pool's queue and time out there.`,
          );
          ctx.assert(took <= 2_500, `The 6th report rejected after ${took} ms ("${sixth.error.message}"); the task asks for 2 seconds at most. Lower connectionTimeoutMillis.`);
        } finally {
          await pg.query('ROLLBACK');
        }
        const done = await settle(busy);
        ctx.assert(done !== 'stuck' && done.ok, 'Once the lock was released, the 5 blocked reports did not finish.');
        const failed = done.value.filter((o) => o.status === 'rejected');
        ctx.assert(failed.length === 0, `Once the lock was released, ${failed.length} of the 5 blocked reports failed: ${(failed[0] as PromiseRejectedResult | undefined)?.reason?.message}.`);
      });
    },
  },
  {
    task: 'graceful-shutdown',
    name: 'shutdown() closes every connection and the pool refuses work afterwards',
    async run(ctx: Ctx) {
      const r = await settle(ctx.learner.shutdown());
      ctx.assert(r !== 'stuck', `shutdown() did not settle in ${WAIT_MS / 1000} s. pool.end() waits for checked-out clients: one was never released.`);
      ctx.assert(r.ok, `shutdown() threw "${r.ok ? '' : r.error.message}".`);
      const after = await settle(ctx.learner.reportTotal('north'));
      ctx.assert(
        after !== 'stuck' && !after.ok,
        "After shutdown(), reportTotal() should reject with \"Cannot use a pool after calling end on the pool\", but it " +
          (after === 'stuck' ? 'hung.' : 'resolved: shutdown() did not end the pool (letting idle clients time out is not the same thing).'),
      );
      // A backend exits just after its client disconnects: wait for that, bounded.
      const gone = await waitFor(async () => (await sessions(ctx)).every((s) => s.app !== 'reports'));
      const left = (await sessions(ctx)).filter((s) => s.app === 'reports').length;
      ctx.assert(gone, `After shutdown(), the server still sees ${left} 'reports' connection(s). Call await pool.end(): it closes every idle client.`);
    },
  },
]);
