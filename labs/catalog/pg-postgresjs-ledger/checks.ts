// Hidden checks for pg-postgresjs-ledger. Sums are compared as bigints; imports are judged by the
// rows left in the table; notifications are sent by the checks' own connection with pg_notify
// (https://www.postgresql.org/docs/current/sql-notify.html) and waited for as a condition.
import type { Client } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import { BIG_TOTAL } from './fixture.ts';

type Ctx = CheckContext<typeof import('./solution.ts')>;

/** How long a sent NOTIFY may take to show up in the learner's list (delivery is usually sub-millisecond on loopback). */
const DELIVERY_DEADLINE_MS = 5_000;

function db(ctx: Ctx): Client {
  if (!ctx.pg) throw new Error('pg-postgresjs-ledger needs the postgres backend');
  return ctx.pg;
}

async function attempt<T>(call: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: Error }> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    return { ok: false, error: error as Error };
  }
}

const show = (v: unknown) => (typeof v === 'bigint' ? `${v}n` : JSON.stringify(v));

export default defineChecks<typeof import('./solution.ts')>([
  {
    task: 'exact-totals',
    name: 'balance() is exact past 2^53 and a bigint',
    async run(ctx: Ctx) {
      const cases: Array<[number, bigint]> = [[1, BIG_TOTAL], [2, 1_300n], [99, 0n]];
      for (const [account, want] of cases) {
        const r = await attempt(ctx.learner.balance(account));
        ctx.assert(r.ok, `balance(${account}) threw "${r.ok ? '' : r.error.message}".`);
        ctx.assert(
          typeof r.value === 'bigint',
          `balance(${account}) returned ${show(r.value)} (${typeof r.value}); expected the bigint ${want}n. postgres.js hands int8 over as a string: convert it with BigInt(), not Number().`,
        );
        ctx.assert(
          r.value === want,
          `balance(${account}) returned ${r.value}n, expected ${want}n.` +
            (r.value !== want && account === 1
              ? ` Off by ${r.value - want}: the value went through a JavaScript number on the way, and a number is exact only up to 2^53 - 1 = ${Number.MAX_SAFE_INTEGER}. Convert the string with BigInt(), or use types: { bigint: postgres.BigInt }.`
              : ''),
        );
      }
    },
  },
  {
    task: 'savepoint-import',
    name: 'A batch with a duplicate, a zero amount and a repeat keeps its three good entries',
    async run(ctx: Ctx) {
      const batch = [
        { ref: 'imp-1', accountId: 3, amountCents: 100n },
        { ref: 'seed-1', accountId: 3, amountCents: 5n },
        { ref: 'imp-2', accountId: 3, amountCents: -40n },
        { ref: 'imp-3', accountId: 3, amountCents: 0n },
        { ref: 'imp-4', accountId: 3, amountCents: 2n ** 60n },
        { ref: 'imp-1', accountId: 3, amountCents: 7n },
      ];
      const r = await attempt(ctx.learner.importEntries(batch));
      ctx.assert(
        r.ok,
        `importEntries() threw "${r.ok ? '' : r.error.message}". ` +
          (!r.ok && /aborted/.test(r.error.message)
            ? 'After the first failed INSERT the transaction is aborted (SQLSTATE 25P02) and refuses every later statement: catching the error in JavaScript does not repair it. Run each INSERT in tx.savepoint(…), so only the savepoint rolls back.'
            : 'A refused entry must be skipped and reported, not fail the batch. If this is the error of an INSERT you caught: sql.begin remembers every failed query in its transaction and rolls back at the end, ' +
              'because after one failure PostgreSQL has aborted the transaction anyway (SQLSTATE 25P02). Run each INSERT in tx.savepoint(…) and catch the savepoint\'s rejection.'),
      );
      ctx.assert(
        JSON.stringify(r.value) === JSON.stringify({ imported: ['imp-1', 'imp-2', 'imp-4'], rejected: ['seed-1', 'imp-3', 'imp-1'] }),
        `importEntries() returned ${JSON.stringify(r.value)}, expected {"imported":["imp-1","imp-2","imp-4"],"rejected":["seed-1","imp-3","imp-1"]} ` +
          '(seed-1 already exists, imp-3 has a zero amount, the second imp-1 repeats a ref).',
      );
      const { rows } = await db(ctx).query<{ ref: string; amount: string }>("SELECT ref, amount_cents::text AS amount FROM entries WHERE account_id = 3 ORDER BY ref");
      const got = rows.map((x) => `${x.ref}=${x.amount}`).join(' ');
      const want = `imp-1=100 imp-2=-40 imp-4=${2n ** 60n}`;
      ctx.assert(
        got === want,
        `Account 3 holds ${got || 'no entries'}, expected ${want}. ` +
          (rows.length === 0
            ? 'Nothing was kept: when a statement fails in a transaction without a savepoint, COMMIT becomes ROLLBACK and takes the good entries with it.'
            : 'Amounts must be stored exactly (pass bigints as strings or bigints, never through Number).'),
      );
    },
  },
  {
    task: 'listen',
    name: 'Three NOTIFYs on "ledger" arrive, in order, once startListening() has resolved',
    async run(ctx: Ctx) {
      const r = await attempt(ctx.learner.startListening());
      ctx.assert(r.ok, `startListening() threw "${r.ok ? '' : r.error.message}".`);
      const sent = ['entry:imp-1', 'entry:imp-2', '{"ref":"imp-4"}'];
      // startListening() resolved, so LISTEN has run: a NOTIFY sent now must be delivered.
      for (const payload of sent) await db(ctx).query("SELECT pg_notify('ledger', $1)", [payload]);
      const deadline = Date.now() + DELIVERY_DEADLINE_MS;
      let got = await ctx.learner.notifications();
      while (got.length < sent.length && Date.now() < deadline) {
        await sleep(25);
        got = await ctx.learner.notifications();
      }
      ctx.assert(
        got.length > 0,
        `No notification arrived within ${DELIVERY_DEADLINE_MS / 1000} s of three NOTIFYs on "ledger". ` +
          'A plain sql`LISTEN ledger` registers on whichever pooled connection ran it, and postgres.js only calls your code for notifications through sql.listen(channel, fn). ' +
          'Use await sql.listen("ledger", (payload) => …) and resolve only after it does.',
      );
      ctx.assert(JSON.stringify(got) === JSON.stringify(sent), `notifications() returned ${JSON.stringify(got)}, expected ${JSON.stringify(sent)} (the payloads as sent, in order).`);
    },
  },
  {
    task: 'listen',
    name: 'Only the "ledger" channel is heard, and later NOTIFYs keep arriving',
    async run(ctx: Ctx) {
      const before = (await ctx.learner.notifications()).length;
      // The previous check already waited for delivery: with nothing heard there, do not wait again.
      ctx.assert(before > 0, 'No notification has arrived at all (see the previous check): start a listener with sql.listen("ledger", fn).');
      await db(ctx).query("SELECT pg_notify('audit', 'not-for-you'), pg_notify('ledger', 'entry:last')");
      const deadline = Date.now() + DELIVERY_DEADLINE_MS;
      let got = await ctx.learner.notifications();
      while (!got.includes('entry:last') && Date.now() < deadline) {
        await sleep(25);
        got = await ctx.learner.notifications();
      }
      ctx.assert(got.includes('entry:last'), `A NOTIFY on "ledger" sent after the first three never arrived (notifications() is ${JSON.stringify(got)}). Keep the listener for the life of the process.`);
      const added = got.slice(before);
      ctx.assert(
        JSON.stringify(added) === JSON.stringify(['entry:last']),
        `After NOTIFYs on "audit" and "ledger", notifications() gained ${JSON.stringify(added)}, expected ["entry:last"]: listen to the ledger channel only.`,
      );
    },
  },
]);
