import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import type * as Solution from './solution.ts';

type Ctx = CheckContext<typeof Solution>;

type Row = { sku: string; name: string; price_cents: number; version: number };

/** Wait until `n` other sessions wait on a lock, or `ms` pass (a serial solution never queues two). */
async function waitForBlockedSessions(pg: NonNullable<Ctx['pg']>, n: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const { rows } = await pg.query<{ n: number }>(
      // pg_locks shows every session's locks to every role (pg_stat_activity hides other roles' waits).
      `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'products'::regclass`,
    );
    if (rows[0].n >= n) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

export default defineChecks<typeof Solution>([
  {
    task: 'insert',
    name: 'a new SKU is inserted and returned',
    async run(ctx: Ctx) {
      const { learner, pg } = ctx;
      const p = await learner.upsertProduct('MUG-1', 'Mug', 1250);
      ctx.assert(p && p.sku === 'MUG-1' && p.name === 'Mug', `upsertProduct('MUG-1', 'Mug', 1250) should return the product, got ${JSON.stringify(p)}`);
      ctx.assert(p.priceCents === 1250, `priceCents should be the number 1250, got ${JSON.stringify(p.priceCents)}`);
      ctx.assert(p.version === 1, `a new product starts at version 1, got ${JSON.stringify(p.version)}`);
      const { rows } = await pg!.query<Row>('SELECT * FROM products');
      ctx.assert(rows.length === 1 && rows[0].price_cents === 1250, `the products table should hold exactly the new row, it holds ${JSON.stringify(rows)}`);
    },
  },
  {
    task: 'insert',
    name: 'two different SKUs make two rows',
    async run(ctx: Ctx) {
      const { learner, pg } = ctx;
      await learner.upsertProduct('A-1', 'Apple', 100);
      await learner.upsertProduct('B-2', 'Banana', 200);
      const { rows } = await pg!.query<Row>(`SELECT sku FROM products WHERE sku IN ('A-1', 'B-2') ORDER BY sku`);
      ctx.assert(rows.map((r) => r.sku).join() === 'A-1,B-2', `expected rows A-1 and B-2, found ${rows.map((r) => r.sku).join(', ') || 'none'}`);
    },
  },
  {
    task: 'update',
    name: 'an existing SKU is updated and its version bumped',
    async run(ctx: Ctx) {
      const { learner, pg } = ctx;
      await pg!.query(`INSERT INTO products VALUES ('LAMP', 'Lamp', 3000, 4)`);
      const p = await learner.upsertProduct('LAMP', 'Desk lamp', 3500);
      ctx.assert(p && p.name === 'Desk lamp' && p.priceCents === 3500, `the returned product should carry the new name and price, got ${JSON.stringify(p)}`);
      ctx.assert(p.version === 5, `version should go from 4 to 5, got ${JSON.stringify(p.version)} — use products.version + 1 in DO UPDATE`);
      const { rows } = await pg!.query<Row>(`SELECT * FROM products WHERE sku = 'LAMP'`);
      ctx.assert(rows.length === 1 && rows[0].name === 'Desk lamp' && rows[0].version === 5, `the stored row should be updated in place, found ${JSON.stringify(rows)}`);
    },
  },
  {
    task: 'concurrent',
    name: 'twenty racing upserts of one SKU all succeed and count',
    async run(ctx: Ctx) {
      const { learner, pg } = ctx;
      // Make the race happen every time instead of when the scheduler feels like it: hold a
      // SHARE lock (reads pass, writes wait) until at least two of the learner's sessions are
      // queued behind it, so check-then-act code has read "missing" in both before either writes.
      // https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-TABLES
      await pg!.query('BEGIN');
      await pg!.query('LOCK TABLE products IN SHARE MODE');
      const racers = Array.from({ length: 20 }, (_, i) => learner.upsertProduct('RACE', `Racer ${i}`, 100 + i));
      const all = Promise.allSettled(racers);
      try {
        await waitForBlockedSessions(pg!, 2, 3_000);
      } finally {
        await pg!.query('COMMIT');
      }
      const settled = await all;
      const failed = settled.filter((s) => s.status === 'rejected');
      ctx.assert(failed.length === 0, `${failed.length} of 20 concurrent calls failed, e.g. ${String((failed[0] as PromiseRejectedResult | undefined)?.reason?.message)} — a SELECT-then-INSERT races; let ON CONFLICT decide`);
      const { rows } = await pg!.query<Row>(`SELECT * FROM products WHERE sku = 'RACE'`);
      ctx.assert(rows.length === 1 && rows[0].version === 20, `after 20 upserts the row should be at version 20, it is at ${rows[0]?.version} — updates were lost`);
    },
  },
]);
