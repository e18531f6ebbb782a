// Hidden checks for mongo-aggregation-report. Expected results are recomputed here from what the
// engine's own client reads, in exact decimal arithmetic (money.ts); index use is read from the
// server's plan with explain("executionStats"):
// https://www.mongodb.com/docs/manual/reference/explain-results/
// The revenue check explains the learner's own pipeline (revenuePipeline); the page check explains
// the seek query the task describes, after the learner's ensureIndexes(): the server keeps no
// profile the checks could read the learner's actual plans from.
import { Decimal128, ObjectId, type Document } from 'mongodb';
import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import { CUSTOMERS, END_DAY, FIRST_DAY, ORDERS, TIE_CUSTOMERS, TIE_MONTH } from './fixture.ts';
import { fmt, isBson, micros, show } from './money.ts';

type Ctx = CheckContext<typeof import('./solution.ts')>;

const PAGE = 25;

const coll = (ctx: Ctx, name: string) => {
  if (!ctx.mongo) throw new Error('mongo-aggregation-report needs the mongo backend');
  return ctx.mongo.db.collection(name);
};

const month = (d: Date) => d.toISOString().slice(0, 7);
const monthRange = (m: string) => {
  const [y, mo] = m.split('-').map(Number);
  return { $gte: new Date(Date.UTC(y, mo - 1, 1)), $lt: new Date(Date.UTC(y, mo, 1)) };
};

/** Paid revenue per (month, customer) in [from, to), summed exactly. */
async function revenueTable(ctx: Ctx, createdAt: Document) {
  const sums = new Map<string, { month: string; customerId: string; revenue: bigint; orders: number }>();
  for (const o of await coll(ctx, ORDERS).find({ status: 'paid', createdAt }).toArray()) {
    const key = `${month(o.createdAt)} ${o.customerId}`;
    const acc = sums.get(key) ?? { month: month(o.createdAt), customerId: o.customerId, revenue: 0n, orders: 0 };
    acc.revenue += micros(o.total.toString());
    acc.orders += 1;
    sums.set(key, acc);
  }
  return [...sums.values()];
}

const byRevenue = (a: { revenue: bigint; customerId: string }, b: { revenue: bigint; customerId: string }) =>
  a.revenue === b.revenue ? (a.customerId < b.customerId ? -1 : 1) : a.revenue > b.revenue ? -1 : 1;

/** The explain document that holds queryPlanner/executionStats (top level, or a $cursor stage on mongod). */
function planOf(ex: Document): Document {
  if (ex.queryPlanner) return ex;
  const cursor = (ex.stages as Document[] | undefined)?.[0]?.$cursor as Document | undefined;
  return cursor ?? ex;
}

/** Every stage of a plan tree, root first. mongod's slot-based engine (a pipeline with $group
 *  pushed down) nests the tree under winningPlan.queryPlan. */
function stages(plan: Document | undefined): Document[] {
  if (!plan) return [];
  if (plan.queryPlan) return stages(plan.queryPlan as Document);
  return [plan, ...stages(plan.inputStage as Document | undefined), ...((plan.inputStages as Document[] | undefined) ?? []).flatMap(stages)];
}

async function indexList(ctx: Ctx): Promise<string> {
  return (await coll(ctx, ORDERS).indexes()).map((i) => JSON.stringify(i.key)).join(', ');
}

export default defineChecks<typeof import('./solution.ts')>([
  {
    task: 'monthly-revenue',
    name: 'monthlyRevenue totals paid orders per month and customer, exactly, in Decimal128',
    async run(ctx: Ctx) {
      const ranges: Array<[Date, Date]> = [[FIRST_DAY, END_DAY], [new Date(Date.UTC(2026, 1, 1)), new Date(Date.UTC(2026, 2, 15))]];
      for (const [from, to] of ranges) {
        const call = `monthlyRevenue(${from.toISOString().slice(0, 10)}, ${to.toISOString().slice(0, 10)})`;
        const want = (await revenueTable(ctx, { $gte: from, $lt: to })).sort((a, b) => (a.month === b.month ? byRevenue(a, b) : a.month < b.month ? -1 : 1));
        const got = await ctx.learner.monthlyRevenue(from, to);
        ctx.assert(Array.isArray(got), `${call} should return an array, got ${fmt(got)}.`);
        ctx.assert(
          got.length === want.length,
          `${call} returned ${got.length} rows; there are ${want.length} (month, customer) pairs with paid orders from ${from.toISOString()} up to, not including, ${to.toISOString()}. ` +
            'Match status "paid" and createdAt { $gte: from, $lt: to }, then group by both the month and the customer.',
        );
        for (let i = 0; i < want.length; i++) {
          const w = want[i];
          const g = got[i] as Document;
          ctx.assert(
            g?.month === w.month && g?.customerId === w.customerId,
            `${call}, row ${i}: got ${fmt({ month: g?.month, customerId: g?.customerId })}, expected ${w.month} / ${w.customerId} (${show(w.revenue)}). ` +
              'Rows come by month (oldest first), then revenue (highest first), then customerId: $sort on { "_id.month": 1, revenue: -1, "_id.customerId": 1 }; month as "YYYY-MM" ($dateToString with format "%Y-%m").',
          );
          ctx.assert(
            isBson(g.revenue, 'Decimal128'),
            `${call}: ${w.customerId}'s ${w.month} revenue is ${fmt(g.revenue)} (${typeof g.revenue}); expected the Decimal128 ${show(w.revenue)}. Let the server add the Decimal128 totals with { $sum: "$total" }.`,
          );
          const diff = micros(g.revenue.toString()) - w.revenue;
          ctx.assert(
            diff === 0n,
            `${call}: ${w.customerId}'s ${w.month} revenue is ${g.revenue.toString()}, expected exactly ${show(w.revenue)} (off by ${diff > -10_000n && diff < 10_000n ? 'less than a cent' : show(diff)}). ` +
              (/\.\d{3,}/.test(g.revenue.toString())
                ? 'Those extra digits are binary floating point: 0.1 + 0.2 is 0.30000000000000004 in a double. Sum Decimal128 on the server ({ $sum: "$total" }) instead of converting totals to JavaScript numbers.'
                : 'Sum the totals of paid orders only, over the whole month range.'),
          );
          ctx.assert(Number(g.orders) === w.orders, `${call}: ${w.customerId} has ${w.orders} paid orders in ${w.month}, got orders: ${fmt(g.orders)}. Count them in the $group with { $sum: 1 }.`);
        }
      }
    },
  },
  {
    task: 'monthly-revenue',
    name: "the report's $match runs on an index: status first, then createdAt",
    async run(ctx: Ctx) {
      await ctx.learner.ensureIndexes();
      const from = new Date(Date.UTC(2026, 1, 1));
      const to = new Date(Date.UTC(2026, 2, 15));
      const pipeline = await ctx.learner.revenuePipeline(from, to);
      ctx.assert(Array.isArray(pipeline) && pipeline.length > 0, `revenuePipeline() should return the stages as an array, got ${fmt(pipeline)}.`);
      const first = Object.keys(pipeline[0] ?? {})[0];
      ctx.assert(
        first === '$match',
        `revenuePipeline() starts with ${first}. The server can use an index only for a $match (or $sort) at the start of a pipeline; anything before it makes every order flow through. Put { $match: { status: "paid", createdAt: … } } first.`,
      );
      const plan = planOf(await coll(ctx, ORDERS).aggregate(pipeline).explain('executionStats'));
      const all = stages(plan.queryPlanner?.winningPlan as Document);
      const ix = all.find((s) => s.stage === 'IXSCAN');
      const keys = plan.executionStats?.totalKeysExamined as number;
      const docs = plan.executionStats?.totalDocsExamined as number;
      const matched = await coll(ctx, ORDERS).countDocuments({ status: 'paid', createdAt: { $gte: from, $lt: to } });
      ctx.assert(
        ix,
        `The report's $match is answered by a COLLSCAN: the server reads all ${docs} orders to find ${matched}. Indexes now: ${await indexList(ctx)}. ` +
          'Create a compound index in ensureIndexes() with the equality field first and the range field next: { status: 1, createdAt: … }.',
      );
      ctx.assert(
        keys <= matched + 1 && docs <= matched + 1,
        `The report's $match walks index ${ix.indexName} ${JSON.stringify(ix.keyPattern)}: ${keys} index keys and ${docs} documents examined for ${matched} paid orders in range. ` +
          'With the range field first, the scan covers every order of the date range, cancelled and pending ones included, and throws most away. Put the equality field first (Equality, Sort, Range): { status: 1, createdAt: 1 } or { status: 1, createdAt: -1, _id: -1 }.',
      );
    },
  },
  {
    task: 'top-customers',
    name: 'topCustomers joins customers, filters by country, then sorts and limits',
    async run(ctx: Ctx) {
      const customers = new Map((await coll(ctx, CUSTOMERS).find().toArray()).map((c) => [c._id as unknown as string, c]));
      for (const [m, country, n] of [['2026-02', 'DE', 3], ['2026-01', 'NL', 4], [TIE_MONTH, 'SE', 20]] as const) {
        const call = `topCustomers("${m}", "${country}", ${n})`;
        const want = (await revenueTable(ctx, monthRange(m))).filter((r) => customers.get(r.customerId)?.country === country).sort(byRevenue).slice(0, n);
        const got = await ctx.learner.topCustomers(m, country, n);
        ctx.assert(Array.isArray(got), `${call} should return an array, got ${fmt(got)}.`);
        if (got.length < want.length) {
          // Probe with a large n: if every customer then shows up, the limit cut the list before the filter.
          const all = await ctx.learner.topCustomers(m, country, 1000);
          const cutEarly = Array.isArray(all) && want.every((w) => all.some((r) => r?.customerId === w.customerId));
          ctx.fail(
            `${call} returned ${got.length} customers; expected ${want.length} (${want.map((w) => w.customerId).join(', ')}). ` +
              (cutEarly
                ? `With n = 1000 they all appear, so the list is cut before the country filter: a $limit before the $lookup and the country $match keeps the top ${n} of all countries, and the filter then throws most of them away. Join and filter first, then $sort and $limit.`
                : "Match the month's paid orders, $group them per customer, $lookup each customer, $unwind, $match the country, then $sort and $limit."),
          );
        }
        ctx.assert(got.length === want.length, `${call} returned ${got.length} customers; expected ${want.length}. Keep only customers whose country is "${country}" (a $match on the joined field), and at most ${n}.`);
        for (let i = 0; i < want.length; i++) {
          const w = want[i];
          const g = got[i] as Document;
          const c = customers.get(w.customerId)!;
          ctx.assert(
            g?.customerId === w.customerId,
            `${call}, position ${i + 1}: got ${fmt(g?.customerId)}, expected ${w.customerId} with ${show(w.revenue)}. Expected order: ${want.map((x) => `${x.customerId} ${show(x.revenue)}`).join(', ')}. ` +
              'The top N needs $sort { revenue: -1, _id: 1 } before $limit: a $limit on unsorted $group output keeps whichever groups came first, and ties need the customerId to come out the same every time.',
          );
          ctx.assert(
            g.name === c.name && g.country === c.country,
            `${call}: ${w.customerId} came back as ${fmt({ name: g.name, country: g.country })}; the customers collection says ${fmt({ name: c.name, country: c.country })}. $lookup the customer, $unwind it, and project its name and country.`,
          );
          ctx.assert(
            isBson(g.revenue, 'Decimal128') && micros(g.revenue.toString()) === w.revenue,
            `${call}: ${w.customerId}'s revenue is ${fmt(g.revenue)}, expected the Decimal128 ${show(w.revenue)} (paid orders of ${m} only, summed on the server).`,
          );
        }
      }
      const tie = await ctx.learner.topCustomers(TIE_MONTH, 'SE', 20);
      const at = tie.map((r) => r.customerId);
      ctx.assert(
        at.indexOf(TIE_CUSTOMERS[1]) < at.indexOf(TIE_CUSTOMERS[0]),
        `${TIE_CUSTOMERS.join(' and ')} have equal revenue in ${TIE_MONTH}; ${TIE_CUSTOMERS[1]} should come first (ties by customerId), got ${at.join(', ')}.`,
      );
    },
  },
  {
    task: 'orders-page',
    name: 'paging through paid orders while new ones arrive returns every order once, in order',
    async run(ctx: Ctx) {
      const orders = coll(ctx, ORDERS);
      const want = await orders.find({ status: 'paid' }, { projection: { _id: 1, orderNo: 1, createdAt: 1 } }).sort({ createdAt: -1, _id: -1 }).toArray();
      const seen = new Map<string, number>();
      const got: Document[] = [];
      let cursor: Awaited<ReturnType<Ctx['learner']['paidOrdersPage']>>['next'] = null;
      const arrived: ObjectId[] = [];
      for (let page = 1; page <= Math.ceil(want.length / PAGE) + 6; page++) {
        const res = await ctx.learner.paidOrdersPage(cursor, PAGE);
        ctx.assert(res && Array.isArray(res.orders), `paidOrdersPage() should return { orders, next }, got ${fmt(res)}.`);
        ctx.assert(res.orders.length <= PAGE, `paidOrdersPage(…, ${PAGE}) returned ${res.orders.length} orders on page ${page}; at most ${PAGE}.`);
        for (const o of res.orders as Document[]) {
          const id = String(o._id);
          const before = seen.get(id);
          ctx.assert(
            before === undefined,
            `Order ${o.orderNo} came back on page ${before} and again on page ${page}. Between your calls, 3 new paid orders arrived at the top of the list; ` +
              'skip(n) counts positions, so every row moved down by 3 and the next page repeated the previous page\'s last rows (or a seek key that is not unique re-read them). ' +
              'Seek instead: continue after the last row\'s (createdAt, _id), with createdAt < last.createdAt, or equal and _id < last._id.',
          );
          seen.set(id, page);
          got.push(o);
        }
        // New orders arrive while the reader is between pages (newest createdAt of all).
        const fresh = [0, 1, 2].map((k) => ({ _id: new ObjectId(), orderNo: `N-${page}-${k}`, customerId: 'c-001', status: 'paid', createdAt: new Date(END_DAY.getTime() + page * 60_000 + k), total: Decimal128.fromString('10.00') }));
        await orders.insertMany(fresh);
        arrived.push(...fresh.map((f) => f._id));
        cursor = res.next;
        if (!cursor) break;
      }
      await orders.deleteMany({ _id: { $in: arrived } });
      const ids = got.map((o) => String(o._id));
      ctx.assert(
        got.length > 0,
        `paidOrdersPage(null, ${PAGE}) returned no orders; the first page should hold the ${PAGE} newest paid orders (sort { createdAt: -1, _id: -1 }), with next set to the last row's { createdAt, _id }.`,
      );
      const missing = want.filter((w) => !seen.has(String(w._id)));
      if (missing.length) {
        const m = missing[0];
        const ties = want.filter((w) => w.createdAt.getTime() === m.createdAt.getTime()).length;
        // A tie is the cause when a returned row shares the missing order's createdAt.
        const tieCut = ties > 1 && got.some((o) => o.createdAt?.getTime?.() === m.createdAt.getTime());
        ctx.fail(
          `${missing.length} paid orders never appeared, e.g. ${m.orderNo} (createdAt ${m.createdAt.toISOString()}${ties > 1 ? `, shared with ${ties - 1} other paid order${ties > 2 ? 's' : ''}` : ''}). ` +
            (tieCut
              ? 'A page ended inside a group of orders with the same createdAt, and "createdAt < last.createdAt" skipped the rest of the group. Make the seek key unique: sort by { createdAt: -1, _id: -1 } and continue with createdAt < last, or createdAt equal and _id < last._id.'
              : 'Return next (the last row\'s createdAt and _id) as long as a page is full, and continue from it.'),
        );
      }
      const at = want.findIndex((w, i) => String(w._id) !== ids[i]);
      ctx.assert(
        at < 0 && ids.length === want.length,
        `Walking all pages returned ${ids.length} orders (${want.length} paid orders existed when the walk began); row ${at} is ${got[at]?.orderNo ?? 'missing'}, expected ${want[at]?.orderNo}. ` +
          'Orders that arrive during the walk are newer than page 1 and must not appear; sort every page by { createdAt: -1, _id: -1 }.',
      );
      const fields = Object.keys(got[0] ?? {}).sort().join(', ');
      ctx.assert(fields === '_id, createdAt, customerId, orderNo, total', `Each row should carry exactly _id, createdAt, customerId, orderNo, total; got ${fields}. Use a projection.`);
    },
  },
  {
    task: 'orders-page',
    name: 'the page query walks an index in sort order: no in-memory SORT',
    async run(ctx: Ctx) {
      await ctx.learner.ensureIndexes();
      const orders = coll(ctx, ORDERS);
      const last = (await orders.find({ status: 'paid' }).sort({ createdAt: -1, _id: -1 }).skip(200).limit(1).next())!;
      const filter = { status: 'paid', createdAt: { $lte: last.createdAt }, $or: [{ createdAt: { $lt: last.createdAt } }, { createdAt: last.createdAt, _id: { $lt: last._id } }] };
      const ex = planOf(await orders.find(filter).sort({ createdAt: -1, _id: -1 }).limit(PAGE).explain('executionStats'));
      const all = stages(ex.queryPlanner?.winningPlan as Document);
      const ix = all.find((s) => s.stage === 'IXSCAN');
      const docs = ex.executionStats?.totalDocsExamined as number;
      const ties = await orders.countDocuments({ status: 'paid', createdAt: last.createdAt });
      const query = 'find({ status: "paid", createdAt: { $lte: c.createdAt }, $or: [...] }).sort({ createdAt: -1, _id: -1 }).limit(25)';
      ctx.assert(ix, `${query} is answered by a COLLSCAN over ${docs} orders. Indexes now: ${await indexList(ctx)}. Create { status: 1, createdAt: -1, _id: -1 } in ensureIndexes().`);
      ctx.assert(
        !all.some((s) => s.stage === 'SORT'),
        `${query} uses index ${ix.indexName} ${JSON.stringify(ix.keyPattern)} but sorts in memory (a SORT stage): every page reads and sorts all matching orders before returning 25. ` +
          'The index must hold the whole sort key after the equality field, _id included: { status: 1, createdAt: -1, _id: -1 }.',
      );
      ctx.assert(
        docs <= PAGE + ties,
        `${query} examines ${docs} documents to return ${PAGE}: index ${ix.indexName} ${JSON.stringify(ix.keyPattern)} gives the order but not the status, so cancelled and pending orders are read and dropped. Put status first: { status: 1, createdAt: -1, _id: -1 }.`,
      );
    },
  },
]);
