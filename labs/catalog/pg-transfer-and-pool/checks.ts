// Hidden checks for pg-transfer-and-pool. Balances and export results are read back with the
// admin client; connection hygiene is judged from pg_stat_activity, the server's own view of
// every session (https://www.postgresql.org/docs/current/monitoring-stats.html#MONITORING-PG-STAT-ACTIVITY-VIEW).
import type { Client } from 'pg';
import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import { ORDER_COUNT } from './fixture.ts';

type Ctx = CheckContext<typeof import('./solution.ts')>;

/** How long one learner call may take before we call it stuck (a pool with no free client waits forever). */
const STUCK_MS = 3_000;
/** For the export (50,000 rows: a cursor needs well under a second) and the burst (deadlock detection takes deadlock_timeout = 1 s per round): only catches the stuck. */
const EXPORT_MS = 6_000;

function db(ctx: Ctx): Client {
  if (!ctx.pg) throw new Error('pg-transfer-and-pool needs the postgres backend');
  return ctx.pg;
}

async function balances(ctx: Ctx): Promise<Map<number, number>> {
  const { rows } = await db(ctx).query<{ id: number; b: number }>('SELECT id, balance_cents::int AS b FROM accounts ORDER BY id');
  return new Map(rows.map((r) => [r.id, r.b]));
}

const fmt = (m: Map<number, number>) => [...m].map(([id, b]) => `#${id}=${b}`).join(' ');

/** Resolves to the call's outcome, or 'stuck' if it has not settled within STUCK_MS. */
async function settle<T>(call: Promise<T>, ms = STUCK_MS): Promise<{ ok: true; value: T } | { ok: false; error: Error } | 'stuck'> {
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

/** Why a call hangs, judged from what the server sees at that moment. */
async function stuckHelp(ctx: Ctx): Promise<string> {
  const open = await openTransactions(ctx);
  const { rows } = await db(ctx).query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
  );
  if (open.length > 0 || rows[0].n > 0)
    return (
      `did not settle in time: ${rows[0].n} connection(s) wait for row locks and ${open.length} sit idle inside a transaction that nobody will finish. ` +
      'With pool.query() per statement, BEGIN runs on one client and COMMIT may run on another. Run the whole transaction on one checked-out client.'
    );
  return (
    'did not settle in time. pg.Pool hands out at most 10 clients (max: 10) and, with connectionTimeoutMillis 0, waits forever for one to come back: ' +
    'a path that never calls client.release() — usually the error path — has used them all up. Release in a finally block.'
  );
}

/** What a failed valid transfer's error says about its cause. */
function explain(reason: string): string {
  if (/aborted/.test(reason)) return 'It was handed a pooled client still inside a failed transaction that nobody rolled back (SQLSTATE 25P02). ROLLBACK before release.';
  if (/deadlock/.test(reason))
    return "Transactions got tangled: with pool.query() per statement, BEGIN, the UPDATEs and COMMIT of different transfers land on whichever clients are free, so they share transactions and wait on each other's locks (SQLSTATE 40P01). Run the whole transaction on one checked-out client.";
  return "With pool.query() per statement, BEGIN, the UPDATEs and COMMIT land on whichever clients are free, so one transfer's ROLLBACK can undo another's work. Run the whole transaction on one checked-out client.";
}

/** Learner sessions sitting inside a transaction while doing nothing. */
async function openTransactions(ctx: Ctx): Promise<string[]> {
  const { rows } = await db(ctx).query<{ state: string; query: string }>(
    `SELECT state, query FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'`,
  );
  return rows.map((r) => `${r.state} (last statement: ${r.query.trim().slice(0, 60)})`);
}

async function assertNoOpenTransactions(ctx: Ctx, after: string): Promise<void> {
  const open = await openTransactions(ctx);
  ctx.assert(
    open.length === 0,
    `After ${after}, ${open.length} connection(s) sit in the pool inside a transaction: ${open.join('; ')}. ` +
      'A client was released without COMMIT or ROLLBACK, so the next caller that gets it inherits the half-done transaction (and its locks). ' +
      "ROLLBACK in the catch block before releasing, or destroy the client with client.release(err).",
  );
}

export default defineChecks<typeof import('./solution.ts')>([
  {
    task: 'transfer-commits',
    name: 'transfer(1, 2, 2500) moves 2500 cents and commits',
    async run(ctx: Ctx) {
      const before = await balances(ctx);
      const r = await settle(ctx.learner.transfer(1, 2, 2_500));
      ctx.assert(r !== 'stuck', `transfer(1, 2, 2500) ${await stuckHelp(ctx)}`);
      ctx.assert(r.ok, `transfer(1, 2, 2500) should succeed (account 1 has ${before.get(1)} cents), but it threw: ${r.ok ? '' : r.error.message}`);
      const after = await balances(ctx);
      ctx.assert(
        after.get(1) === before.get(1)! - 2_500 && after.get(2) === before.get(2)! + 2_500,
        `Expected #1=${before.get(1)! - 2_500} and #2=${before.get(2)! + 2_500} after the transfer, found ${fmt(after)}. ` +
          'If nothing changed, the transaction was never committed: an uncommitted change is invisible to every other connection.',
      );
      // Rows written by one transaction carry its id in the system column xmin:
      // https://www.postgresql.org/docs/current/ddl-system-columns.html
      const xmins = (await db(ctx).query<{ xmin: string }>('SELECT xmin::text FROM accounts WHERE id IN (1, 2)')).rows.map((x) => x.xmin);
      ctx.assert(
        xmins.length === 2 && xmins[0] === xmins[1],
        `The debit and the credit were written by two different transactions (xmin ${xmins.join(' and ')}). ` +
          'Each pool.query() outside BEGIN…COMMIT commits on its own, so a crash between them would lose money. Run both UPDATEs between BEGIN and COMMIT on one client.',
      );
      await assertNoOpenTransactions(ctx, 'a successful transfer');
    },
  },
  {
    task: 'transfer-rolls-back',
    name: 'An overdraft and unknown accounts reject and leave every balance unchanged',
    async run(ctx: Ctx) {
      const cases: Array<[number, number, number, string]> = [
        [5, 6, 100, 'account 5 holds 0 cents (overdraft)'],
        [1, 99, 700, 'account 99 does not exist (the debit of account 1 must be undone)'],
        [99, 1, 700, 'account 99 does not exist (nothing to debit)'],
        [6, 1, 50_001, 'account 6 holds 50000 cents (overdraft)'],
      ];
      for (const [from, to, amount, why] of cases) {
        const before = await balances(ctx);
        const r = await settle(ctx.learner.transfer(from, to, amount));
        ctx.assert(r !== 'stuck', `transfer(${from}, ${to}, ${amount}) ${await stuckHelp(ctx)}`);
        ctx.assert(
          !r.ok,
          `transfer(${from}, ${to}, ${amount}) should reject because ${why}, but it resolved. ` +
            'An UPDATE that matches no row is not an error: check result.rowCount and throw when it is not 1.',
        );
        const after = await balances(ctx);
        ctx.assert(
          fmt(after) === fmt(before),
          `transfer(${from}, ${to}, ${amount}) failed (${why}) but balances changed from ${fmt(before)} to ${fmt(after)}. ` +
            'Both UPDATEs must run in one transaction on one client, with ROLLBACK when anything fails — separate pool.query() calls each commit on their own.',
        );
      }
    },
  },
  {
    task: 'pool-hygiene',
    name: '25 failed transfers in a row, then a good one: no client leaks, none stays in a transaction',
    async run(ctx: Ctx) {
      for (let i = 1; i <= 25; i++) {
        const [from, to, amount] = i % 2 ? [5, 6, 100] : [1, 99, 100];
        const r = await settle(ctx.learner.transfer(from, to, amount));
        ctx.assert(r !== 'stuck', `Failed transfer #${i} of 25, transfer(${from}, ${to}, ${amount}), ${await stuckHelp(ctx)}`);
        ctx.assert(!r.ok, `transfer(${from}, ${to}, ${amount}) should reject, but it resolved on attempt #${i}.`);
      }
      const before = await balances(ctx);
      const r = await settle(ctx.learner.transfer(3, 4, 1_000));
      ctx.assert(r !== 'stuck', `After 25 failed transfers, transfer(3, 4, 1000) ${await stuckHelp(ctx)}`);
      ctx.assert(
        r.ok,
        `After 25 failed transfers, the valid transfer(3, 4, 1000) threw "${r.ok ? '' : r.error.message}". ${r.ok ? '' : explain(r.error.message)}`,
      );
      const after = await balances(ctx);
      ctx.assert(after.get(3) === before.get(3)! - 1_000 && after.get(4) === before.get(4)! + 1_000, `transfer(3, 4, 1000) reported success but balances are ${fmt(after)}.`);
      await assertNoOpenTransactions(ctx, '25 failed transfers and one good one');
    },
  },
  {
    task: 'pool-hygiene',
    name: '40 concurrent transfers (10 doomed) land exactly, with money conserved',
    async run(ctx: Ctx) {
      const before = await balances(ctx);
      const total = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
      // Valid transfers only ever go from a lower id to a higher id, so any correct solution
      // locks rows in one global order and cannot deadlock. Doomed ones touch only 5, 6 and 99.
      const valid: Array<[number, number, number]> = [];
      const pairs: Array<[number, number]> = [[1, 2], [1, 3], [2, 4], [3, 4], [1, 4], [2, 3]];
      for (let i = 0; i < 30; i++) valid.push([...pairs[i % pairs.length], 100 + i]);
      const doomed: Array<[number, number, number]> = [];
      for (let i = 0; i < 10; i++) doomed.push(i % 2 ? [5, 6, 1_000 + i] : [6, 99, 10 + i]);
      const expected = new Map(before);
      for (const [from, to, amount] of valid) {
        expected.set(from, expected.get(from)! - amount);
        expected.set(to, expected.get(to)! + amount);
      }
      const calls = [...valid, ...doomed].map(([f, t, a]) => ctx.learner.transfer(f, t, a));
      const all = await settle(Promise.allSettled(calls), EXPORT_MS);
      ctx.assert(all !== 'stuck', `40 concurrent transfers ${await stuckHelp(ctx)}`);
      ctx.assert(all.ok, 'unreachable: allSettled never rejects');
      const outcomes = all.value;
      const failedValid = outcomes.slice(0, 30).filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
      const after = await balances(ctx);
      if (failedValid.length > 0) {
        const reason = String(failedValid[0].reason?.message ?? failedValid[0].reason);
        ctx.fail(`${failedValid.length} of 30 valid transfers failed when run concurrently, e.g. "${reason}". ${explain(reason)}`);
      }
      ctx.assert(outcomes.slice(30).every((o) => o.status === 'rejected'), 'Every doomed transfer (overdraft or unknown account) should reject under concurrency too.');
      ctx.assert(
        total(after) === total(before),
        `Money was created or destroyed: the accounts held ${total(before)} cents before the burst and ${total(after)} after. ` +
          'Some transfer committed one UPDATE without the other.',
      );
      ctx.assert(fmt(after) === fmt(expected), `After the burst, expected ${fmt(expected)}, found ${fmt(after)}.`);
      await assertNoOpenTransactions(ctx, '40 concurrent transfers');
    },
  },
  {
    task: 'export-in-batches',
    name: `exportOrders(1000) saves ${ORDER_COUNT / 1000} parts covering every order exactly once`,
    async run(ctx: Ctx) {
      const pg = db(ctx);
      const r = await settle(ctx.learner.exportOrders(1_000), EXPORT_MS);
      ctx.assert(
        r !== 'stuck',
        `exportOrders(1000) did not finish within ${EXPORT_MS / 1000} s. Either it never got a client (earlier transfers leaked them all) or it makes the server read far more than 50,000 rows (LIMIT/OFFSET paging re-reads every skipped row).`,
      );
      ctx.assert(r.ok, `exportOrders(1000) threw: ${r.ok ? '' : r.error.message}. (DECLARE CURSOR only works inside a transaction block: BEGIN first, on the same client.)`);
      const parts = (await pg.query<{ first_id: string; last_id: string; row_count: number; total_cents: string }>('SELECT first_id, last_id, row_count, total_cents FROM export_parts ORDER BY part_no')).rows;
      const want = ORDER_COUNT / 1_000;
      ctx.assert(parts.length === want, `Expected ${want} parts of 1000 rows in export_parts, found ${parts.length}. Call savePart once per non-empty FETCH.`);
      ctx.assert(
        r.value.parts === want && r.value.rows === ORDER_COUNT,
        `exportOrders(1000) should return { parts: ${want}, rows: ${ORDER_COUNT} }, got ${JSON.stringify(r.value)}.`,
      );
      let next = 1n;
      for (const [i, p] of parts.entries()) {
        ctx.assert(p.row_count <= 1_000, `Part ${i + 1} holds ${p.row_count} rows; a batch must hold at most batchSize (1000).`);
        ctx.assert(BigInt(p.first_id) === next, `Part ${i + 1} starts at order ${p.first_id}, expected ${next}: rows must come in id order (ORDER BY id), each exactly once.`);
        next = BigInt(p.last_id) + 1n;
      }
      ctx.assert(next === BigInt(ORDER_COUNT) + 1n, `The parts end at order ${next - 1n}, expected ${ORDER_COUNT}.`);
      const sums = await pg.query<{ parts: string; orders: string }>('SELECT (SELECT sum(total_cents) FROM export_parts)::text AS parts, (SELECT sum(amount_cents) FROM order_rows)::text AS orders');
      ctx.assert(sums.rows[0].parts === sums.rows[0].orders, `The parts add up to ${sums.rows[0].parts} cents but the orders hold ${sums.rows[0].orders}.`);
    },
  },
  {
    task: 'export-in-batches',
    name: 'Rows are read from the server one batch at a time, once each, and the cursor is closed',
    async run(ctx: Ctx) {
      const pg = db(ctx);
      await pg.query('TRUNCATE export_parts; ALTER SEQUENCE order_reads RESTART');
      const r = await settle(ctx.learner.exportOrders(2_500), EXPORT_MS);
      ctx.assert(r !== 'stuck', `exportOrders(2500) did not finish within ${EXPORT_MS / 1000} s.`);
      ctx.assert(r.ok, `exportOrders(2500) threw: ${r.ok ? '' : r.error.message}`);
      const parts = (await pg.query<{ part: number; read: string | null }>('SELECT row_number() OVER (ORDER BY part_no)::int AS part, rows_read_so_far::text AS read FROM export_parts ORDER BY part_no')).rows;
      ctx.assert(parts.length > 0, 'exportOrders(2500) saved no parts.');
      const { rows } = await pg.query<{ total: string | null }>("SELECT pg_sequence_last_value('order_reads')::text AS total");
      const total = Number(rows[0].total ?? 0);
      ctx.assert(
        total <= ORDER_COUNT + 2_500,
        `The export made the server read ${total} rows to deliver ${ORDER_COUNT}. LIMIT/OFFSET paging walks past every skipped row again for each page — ` +
          'about n²/2 rows in all. A cursor (or keyset paging: WHERE id > $1 ORDER BY id LIMIT n) reads each row once.',
      );
      for (const { part, read } of parts) {
        const limit = (part + 1) * 2_500;
        ctx.assert(
          read !== null && Number(read) <= limit,
          `When part ${part} was saved, the server had already produced ${read ?? 'no'} rows of orders (at most ${limit} expected). ` +
            (Number(read) >= ORDER_COUNT
              ? `All ${ORDER_COUNT} rows were read before that part was saved: the query loaded the whole result into memory and sliced it afterwards. DECLARE a cursor and FETCH batchSize rows at a time instead.`
              : 'Read the orders through one cursor, saving each batch as soon as it is fetched.'),
        );
      }
      await assertNoOpenTransactions(ctx, 'exportOrders(2500)');
    },
  },
]);
