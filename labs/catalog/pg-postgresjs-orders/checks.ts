// Hidden checks for pg-postgresjs-orders. Expected results come from the admin client's own
// queries; transactions are judged by the state they leave (a rolled-back order leaves no row and
// no stock change) and streaming by a sequence the events view advances once per row it produces
// (see fixture.ts).
import type { Client } from 'pg';
import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import { EVENT_COUNT } from './fixture.ts';

type Ctx = CheckContext<typeof import('./solution.ts')>;

function db(ctx: Ctx): Client {
  if (!ctx.pg) throw new Error('pg-postgresjs-orders needs the postgres backend');
  return ctx.pg;
}

/** Product ids the database itself returns for the same search. */
async function expectedIds(ctx: Ctx, categories: string[], max?: number): Promise<number[]> {
  const { rows } = await db(ctx).query<{ id: number }>(
    'SELECT id FROM products WHERE category = ANY($1) AND ($2::int IS NULL OR price_cents <= $2) ORDER BY id',
    [categories, max ?? null],
  );
  return rows.map((r) => r.id);
}

/** Calls the learner and turns a rejection into a message instead of a thrown error. */
async function attempt<T>(call: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: Error }> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    return { ok: false, error: error as Error };
  }
}

const ids = (rows: Array<{ id: number } | null>) => JSON.stringify(rows.map((r) => r?.id ?? null));

async function snapshot(ctx: Ctx): Promise<string> {
  const { rows } = await db(ctx).query<{ s: string }>(
    `SELECT (SELECT count(*) FROM orders) || ' orders, ' || (SELECT count(*) FROM order_items) || ' items, stock ' ||
            (SELECT string_agg(id || '=' || stock, ' ' ORDER BY id) FROM products WHERE id <= 12) AS s`,
  );
  return rows[0].s;
}

export default defineChecks<typeof import('./solution.ts')>([
  {
    task: 'safe-search',
    name: 'searchProducts() returns the right rows, with and without the price filter, for any category name',
    async run(ctx: Ctx) {
      const cases: Array<[string[], number | undefined]> = [
        [['books', 'garden'], undefined],
        [['games'], 1_500],
        [["kids' toys"], undefined],
        [['kitchen', "kids' toys"], 2_000],
      ];
      for (const [categories, max] of cases) {
        const call = `searchProducts(${JSON.stringify(categories)}${max === undefined ? '' : `, ${max}`})`;
        const r = await attempt(ctx.learner.searchProducts(categories, max));
        ctx.assert(
          r.ok,
          `${call} threw "${r.ok ? '' : r.error.message}". ` +
            (categories.some((c) => c.includes("'"))
              ? "The apostrophe in kids' toys ended a string literal your code pasted into the SQL text. Pass values as ${…} inside sql`…` (sql(array) for the IN list) so they travel as parameters."
              : 'Build the IN list with sql(categories) and the optional filter as a nested sql`…` fragment.'),
        );
        const want = JSON.stringify(await expectedIds(ctx, categories, max));
        const got = ids(r.value);
        ctx.assert(
          got === want,
          `${call} returned ids ${got}, expected ${want}. ` +
            (max === undefined ? 'Without a price the filter must add nothing (the empty fragment sql``).' : `Only products with price_cents <= ${max} belong, ordered by id.`),
        );
      }
    },
  },
  {
    task: 'safe-search',
    name: 'A hostile category name is only a value: no extra rows, nothing dropped',
    async run(ctx: Ctx) {
      const hostile = ["books') OR true OR category IN ('", "x'); DROP TABLE order_items; --"];
      const r = await attempt(ctx.learner.searchProducts(hostile));
      const { rows } = await db(ctx).query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename = 'order_items'");
      ctx.assert(
        rows[0].n === 1,
        'The table order_items is gone: a category name was executed as SQL. sql.unsafe() with string concatenation runs whatever the caller sends (and, without parameters, several statements in one go). Use sql`… IN ${sql(categories)}`.',
      );
      ctx.assert(r.ok, `searchProducts(${JSON.stringify(hostile)}) threw "${r.ok ? '' : r.error.message}": a category name was parsed as SQL. As parameters these strings simply match nothing.`);
      ctx.assert(
        r.value.length === 0,
        `searchProducts(${JSON.stringify(hostile)}) returned ${r.value.length} products; no category has that name, so the answer is []. The quote in the input closed your string literal and OR true matched everything: that is SQL injection.`,
      );
    },
  },
  {
    task: 'order-in-transaction',
    name: 'A valid order commits: one order row, its items, stock taken',
    async run(ctx: Ctx) {
      const before = await db(ctx).query<{ id: number; stock: number }>('SELECT id, stock FROM products WHERE id IN (4, 9) ORDER BY id');
      const r = await attempt(ctx.learner.placeOrder(42, [{ productId: 4, qty: 2 }, { productId: 9, qty: 1 }]));
      ctx.assert(r.ok, `placeOrder(42, [4×2, 9×1]) should succeed (stock ${before.rows.map((p) => `#${p.id}=${p.stock}`).join(', ')}), but it threw "${r.ok ? '' : r.error.message}".`);
      const items = await db(ctx).query<{ product_id: number; qty: number; customer_id: number }>(
        'SELECT i.product_id, i.qty, o.customer_id FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.id = $1 ORDER BY i.product_id',
        [r.value],
      );
      ctx.assert(
        JSON.stringify(items.rows) === JSON.stringify([{ product_id: 4, qty: 2, customer_id: 42 }, { product_id: 9, qty: 1, customer_id: 42 }]),
        `Order ${r.value} should hold product 4 ×2 and product 9 ×1 for customer 42, found ${JSON.stringify(items.rows)}. ` +
          'If items are missing, some queries were not awaited inside the sql.begin callback: the transaction committed before they ran.',
      );
      const after = await db(ctx).query<{ id: number; stock: number }>('SELECT id, stock FROM products WHERE id IN (4, 9) ORDER BY id');
      ctx.assert(
        after.rows[0].stock === before.rows[0].stock - 2 && after.rows[1].stock === before.rows[1].stock - 1,
        `Stock should drop by 2 and 1, went from ${JSON.stringify(before.rows)} to ${JSON.stringify(after.rows)}.`,
      );
    },
  },
  {
    task: 'order-in-transaction',
    name: 'An order that fails on a later item leaves no order, no items and no stock change',
    async run(ctx: Ctx) {
      // Stock is id*7 % 20: product 5 has 15, 6 has 2, 20 has 0; product 9999 does not exist.
      const cases: Array<[Array<{ productId: number; qty: number }>, string]> = [
        [[{ productId: 5, qty: 1 }, { productId: 6, qty: 3 }], 'product 6 has only 2 in stock'],
        [[{ productId: 5, qty: 1 }, { productId: 9999, qty: 1 }], 'product 9999 does not exist'],
        [[{ productId: 7, qty: 1 }, { productId: 8, qty: 1 }, { productId: 20, qty: 1 }], 'product 20 is out of stock'],
      ];
      for (const [items, why] of cases) {
        const before = await snapshot(ctx);
        const call = `placeOrder(42, ${JSON.stringify(items)})`;
        const r = await attempt(ctx.learner.placeOrder(42, items));
        ctx.assert(!r.ok, `${call} should reject because ${why}, but it resolved. An UPDATE that matches no row is not an error: check result.count and throw. ` +
            'And await every query inside the sql.begin callback: a failure in a query nobody awaited never reaches the callback, so nothing rejects.');
        const after = await snapshot(ctx);
        ctx.assert(
          after === before,
          `${call} failed (${why}) but the database changed: before "${before}", after "${after}". ` +
            'Every statement must go through the transaction handle the sql.begin callback receives and be awaited before the callback returns; ' +
            'a query on the outer sql, or one left un-awaited, runs on its own and is not rolled back.',
        );
      }
    },
  },
  {
    task: 'fetch-in-order',
    name: 'fetchProducts() answers in request order, with null for a missing id and repeats kept',
    async run(ctx: Ctx) {
      const request = [42, 7, 999_999, 7, 13, 200, 1, 150, 99, 100, 5, 64];
      const r = await attempt(ctx.learner.fetchProducts(request));
      ctx.assert(r.ok, `fetchProducts(${JSON.stringify(request)}) threw "${r.ok ? '' : r.error.message}".`);
      const want = JSON.stringify(request.map((id) => (id <= 200 ? id : null)));
      const got = ids(r.value);
      ctx.assert(
        got === want,
        `fetchProducts(${JSON.stringify(request)}) returned ids ${got}, expected ${want}. ` +
          'The caller zips answers with its ids by position: keep the order of the request (Promise.all over ids.map does), put null where no row exists and keep repeats. One IN query returns rows in whatever order the server likes and drops missing ids.',
      );
      const row = r.value[0];
      ctx.assert(row !== null && row.sku === 'SKU-0042' && typeof row.price_cents === 'number', `Product 42 should come back whole (sku SKU-0042, price_cents a number), got ${JSON.stringify(row)}.`);
    },
  },
  {
    task: 'stream-with-cursor',
    name: `exportEvents(1000) saves ${EVENT_COUNT / 1000} parts covering every event once, in order`,
    async run(ctx: Ctx) {
      const r = await attempt(ctx.learner.exportEvents(1_000));
      ctx.assert(r.ok, `exportEvents(1000) threw "${r.ok ? '' : r.error.message}".`);
      const parts = (await db(ctx).query<{ first_id: string; last_id: string; row_count: number }>('SELECT first_id, last_id, row_count FROM export_parts ORDER BY part_no')).rows;
      const want = EVENT_COUNT / 1_000;
      ctx.assert(parts.length === want, `Expected ${want} parts of 1000 events in export_parts, found ${parts.length}. Call savePart once per batch.`);
      ctx.assert(r.value.parts === want && r.value.rows === EVENT_COUNT, `exportEvents(1000) should return { parts: ${want}, rows: ${EVENT_COUNT} }, got ${JSON.stringify(r.value)}.`);
      let next = 1n;
      for (const [i, p] of parts.entries()) {
        ctx.assert(p.row_count <= 1_000, `Part ${i + 1} holds ${p.row_count} events; a batch must hold at most batchSize (1000).`);
        ctx.assert(BigInt(p.first_id) === next, `Part ${i + 1} starts at event ${p.first_id}, expected ${next}: events must come in id order (ORDER BY id), each once.`);
        next = BigInt(p.last_id) + 1n;
      }
      ctx.assert(next === BigInt(EVENT_COUNT) + 1n, `The parts end at event ${next - 1n}, expected ${EVENT_COUNT}.`);
    },
  },
  {
    task: 'stream-with-cursor',
    name: 'Events are read from the server one batch at a time, not all up front',
    async run(ctx: Ctx) {
      await db(ctx).query('TRUNCATE export_parts; ALTER SEQUENCE event_reads RESTART');
      const r = await attempt(ctx.learner.exportEvents(2_500));
      ctx.assert(r.ok, `exportEvents(2500) threw "${r.ok ? '' : r.error.message}".`);
      const parts = (await db(ctx).query<{ part: number; read: string | null }>('SELECT row_number() OVER (ORDER BY part_no)::int AS part, rows_read_so_far::text AS read FROM export_parts ORDER BY part_no')).rows;
      ctx.assert(parts.length > 0, 'exportEvents(2500) saved no parts.');
      for (const { part, read } of parts) {
        // The server may run one batch ahead of the callback, never more.
        const limit = (part + 1) * 2_500;
        ctx.assert(
          read !== null && Number(read) <= limit,
          `When part ${part} was saved the server had already produced ${read ?? 'no'} events (at most ${limit} expected). ` +
            (Number(read) >= EVENT_COUNT
              ? `All ${EVENT_COUNT} rows were read before that part was saved: awaiting sql\`…\` buffers the whole result in memory. Use .cursor(batchSize, callback) so the next batch is fetched only after the callback resolves.`
              : 'Read the events through one cursor and save each batch as soon as it arrives.'),
        );
      }
    },
  },
]);
