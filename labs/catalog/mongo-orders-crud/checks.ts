// Hidden checks for mongo-orders-crud. Results are compared with what the engine's own client
// reads from the learner's database; the index check asks the server for the plan with
// explain("executionStats") (https://www.mongodb.com/docs/manual/reference/explain-results/),
// and revenue is recomputed here in exact decimal arithmetic over the stored orders.
// Index order follows the ESR guideline: https://www.mongodb.com/docs/manual/tutorial/equality-sort-range-guideline/
// One line is updated through the positional $: https://www.mongodb.com/docs/manual/reference/operator/update/positional/
// A unique index turns a duplicate into error 11000: https://www.mongodb.com/docs/manual/core/index-unique/
import { EJSON } from 'bson';
import { Decimal128, type Document, type ObjectId } from 'mongodb';
import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import { BURST_ORDER, CANCELLED_CUSTOMER, COLLECTION, HEAVY_CUSTOMER, SHIP_ORDER } from './fixture.ts';
import type { NewOrder } from './solution.ts';

type Ctx = CheckContext<typeof import('./solution.ts')>;

const SUMMARY_FIELDS = ['createdAt', 'items', 'orderNo', 'status'];

const coll = (ctx: Ctx) => {
  if (!ctx.mongo) throw new Error('mongo-orders-crud needs the mongo backend');
  return ctx.mongo.db.collection(COLLECTION);
};

/** Canonical EJSON with sorted keys: equal values print equally whatever the field order. */
function canon(v: unknown): string {
  const sortKeys = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sortKeys);
    if (x && typeof x === 'object' && x.constructor === Object)
      return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sortKeys((x as Document)[k])]));
    return x;
  };
  return EJSON.stringify(sortKeys(EJSON.serialize(v as Document, { relaxed: false })) as Document, { relaxed: false });
}

/** For messages: relaxed EJSON (3, not {"$numberInt":"3"}). */
const fmt = (v: unknown): string => (v === undefined ? 'undefined' : EJSON.stringify(v as Document, { relaxed: true }));

const isBson = (v: unknown, type: string) => !!v && typeof v === 'object' && (v as { _bsontype?: string })._bsontype === type;

/** An exact decimal as (digits, scale), from a Decimal128's text (which may use E notation). */
function exact(text: string): { n: bigint; scale: number } {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:E([+-]\d+))?$/i.exec(text);
  if (!m) throw new Error(`not a finite decimal: ${text}`);
  let n = BigInt(m[2] + (m[3] ?? ''));
  let scale = (m[3] ?? '').length - Number(m[4] ?? 0);
  if (scale < 0) { n *= 10n ** BigInt(-scale); scale = 0; }
  return { n: m[1] ? -n : n, scale };
}

/** Millionths of a unit (more digits than any price here has), so sums compare as integers. */
const micros = (text: string): bigint => {
  const { n, scale } = exact(text);
  return scale <= 6 ? n * 10n ** BigInt(6 - scale) : n / 10n ** BigInt(scale - 6);
};
const show = (u: bigint) => `${u / 1_000_000n}.${(u % 1_000_000n).toString().padStart(6, '0').replace(/0{1,4}$/, '')}`;

function newOrder(orderNo: string, customerId: string, minutes: number): NewOrder {
  return {
    orderNo,
    customerId,
    status: 'paid',
    createdAt: new Date(Date.UTC(2026, 2, 1, 9, minutes)),
    items: [{ sku: 'TEA-ASM', name: 'Assam tea, 250 g', price: Decimal128.fromString('7.45'), qty: 3, shipped: false }],
    internal: { fraudScore: 0.12, paymentRef: `pi_${orderNo}` },
  };
}

/** Every stage of a plan tree, root first. mongod's slot-based engine nests the tree under
 *  winningPlan.queryPlan. */
function stages(plan: Document | undefined): Document[] {
  if (!plan) return [];
  if (plan.queryPlan) return stages(plan.queryPlan as Document);
  return [plan, ...stages(plan.inputStage as Document | undefined), ...((plan.inputStages as Document[] | undefined) ?? []).flatMap(stages)];
}

async function indexList(ctx: Ctx): Promise<string> {
  const ixs = await coll(ctx).indexes();
  return ixs.map((i) => `${JSON.stringify(i.key)}${i.unique ? ' unique' : ''}`).join(', ');
}

export default defineChecks<typeof import('./solution.ts')>([
  {
    task: 'add-order',
    name: 'addOrder inserts, returns the new _id, and answers null for a taken orderNo',
    async run(ctx: Ctx) {
      await ctx.learner.ensureIndexes();
      const unique = (await coll(ctx).indexes()).find((i) => canon(i.key) === canon({ orderNo: 1 }));
      ctx.assert(
        unique?.unique === true,
        `After ensureIndexes() the orders collection has these indexes: ${await indexList(ctx)}. Expected a unique index on { orderNo: 1 }: ` +
          'without unique: true nothing stops two concurrent checkouts from storing the same order number (a findOne() before insertOne() is a race, not a guard).',
      );
      const order = newOrder('A-30001', 'c-301', 1);
      const id = await ctx.learner.addOrder(order);
      ctx.assert(isBson(id, 'ObjectId'), `addOrder(new order) should return the inserted _id (an ObjectId: result.insertedId), got ${fmt(id)}.`);
      const stored = await coll(ctx).findOne({ orderNo: 'A-30001' });
      ctx.assert(stored, 'addOrder returned, but no order A-30001 is in the orders collection.');
      ctx.assert((stored._id as ObjectId).equals(id as ObjectId), `addOrder returned ${String(id)} but the stored order's _id is ${String(stored._id)}.`);
      ctx.assert(stored.shippedCount === 0, `A new order should be stored with shippedCount: 0 (markShipped counts from there), found ${fmt(stored.shippedCount)}.`);
      const { _id, shippedCount, ...rest } = stored;
      ctx.assert(canon(rest) === canon(order), `The stored order differs from the one passed in: stored ${fmt(rest)}, expected ${fmt(order)}.`);

      const again = await ctx.learner.addOrder(newOrder('A-30001', 'c-302', 2));
      ctx.assert(
        again === null,
        `addOrder with an orderNo that already exists should return null, got ${fmt(again)}. ` +
          'The unique index makes the server refuse the insert with E11000 (MongoServerError, code 11000); catch exactly that code and return null.',
      );
      const copies = await coll(ctx).countDocuments({ orderNo: 'A-30001' });
      ctx.assert(copies === 1, `There are ${copies} orders numbered A-30001; a duplicate must never be stored.`);

      // Five concurrent checkouts of one order number: exactly one wins.
      const burst = await Promise.all(Array.from({ length: 5 }, (_, i) => ctx.learner.addOrder(newOrder('A-30002', `c-31${i}`, 3 + i))));
      const winners = burst.filter((r) => r !== null).length;
      const stored2 = await coll(ctx).countDocuments({ orderNo: 'A-30002' });
      ctx.assert(winners === 1 && stored2 === 1, `Five concurrent addOrder calls for A-30002: ${winners} returned an id and ${stored2} orders were stored; expected exactly one of each.`);
    },
  },
  {
    task: 'add-order',
    name: 'addOrder lets every other error through',
    async run(ctx: Ctx) {
      const broken = { ...newOrder('A-30009', 'c-309', 9), items: [] };
      let outcome: string;
      try {
        outcome = `returned ${fmt(await ctx.learner.addOrder(broken))}`;
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        if (code === 121) return;
        outcome = `threw ${(e as Error).name} with code ${String(code)}: ${(e as Error).message}`;
      }
      ctx.fail(
        `addOrder(order with no items) ${outcome}. The collection's validator rejects it with code 121 (DocumentValidationFailure), and addOrder should let that error reach the caller. ` +
          'Only code 11000 means "this orderNo is taken"; returning null for every error tells the caller a broken order is a duplicate and hides the bug.',
      );
    },
  },
  {
    task: 'orders-for',
    name: "ordersFor returns the customer's newest orders, customer fields only",
    async run(ctx: Ctx) {
      const projection = { _id: 0, orderNo: 1, status: 1, createdAt: 1, items: 1 };
      const expected = (limit: number) => coll(ctx).find({ customerId: HEAVY_CUSTOMER }, { projection }).sort({ createdAt: -1 }).limit(limit).toArray();
      for (const [args, limit] of [[{ limit: 5 }, 5], [undefined, 10]] as const) {
        const call = `ordersFor("${HEAVY_CUSTOMER}"${args ? `, ${JSON.stringify(args)}` : ''})`;
        const got = args ? await ctx.learner.ordersFor(HEAVY_CUSTOMER, args) : await ctx.learner.ordersFor(HEAVY_CUSTOMER);
        ctx.assert(Array.isArray(got), `${call} should return an array, got ${fmt(got)}.`);
        const extra = [...new Set(got.flatMap((o) => Object.keys(o).filter((k) => !SUMMARY_FIELDS.includes(k))))];
        ctx.assert(
          extra.length === 0,
          `${call} returned fields the customer must not see: ${extra.join(', ')}. Ask the server for only ${SUMMARY_FIELDS.join(', ')} with a projection ` +
            '({ _id: 0, orderNo: 1, … }): internal.fraudScore and internal.paymentRef then never leave the database, and less data crosses the network.',
        );
        const want = await expected(limit);
        ctx.assert(got.length === want.length, `${call} returned ${got.length} orders; expected ${want.length} (the customer has more, so limit decides how many).`);
        const at = got.findIndex((o, i) => canon(o) !== canon(want[i]));
        if (at >= 0 && got[at]?.orderNo === want[at].orderNo)
          ctx.fail(`${call}: order ${want[at].orderNo} came back as ${fmt(got[at])}, but it is stored as ${fmt(want[at])}. Return the four fields as stored.`);
        ctx.assert(
          at < 0,
          `${call}: order ${at} is ${got[at]?.orderNo} (${fmt(got[at]?.createdAt)}), expected ${want[at]?.orderNo} (${fmt(want[at]?.createdAt)}). ` +
            `Only ${HEAVY_CUSTOMER}'s orders, newest first: .sort({ createdAt: -1 }) before .limit(n).`,
        );
      }
      const none = await ctx.learner.ordersFor('c-nobody', { limit: 3 });
      ctx.assert(Array.isArray(none) && none.length === 0, `ordersFor("c-nobody") should return [], got ${fmt(none)}.`);
    },
  },
  {
    task: 'orders-for',
    name: 'the query runs on an index that serves both the filter and the sort',
    async run(ctx: Ctx) {
      await ctx.learner.ensureIndexes();
      const ex = (await coll(ctx).find({ customerId: HEAVY_CUSTOMER }).sort({ createdAt: -1 }).limit(5).explain('executionStats')) as Document;
      const all = stages(ex.queryPlanner?.winningPlan as Document);
      const ixscan = all.find((s) => s.stage === 'IXSCAN');
      const examined = ex.executionStats?.totalDocsExamined as number;
      const keysExamined = ex.executionStats?.totalKeysExamined as number;
      const why = `find({ customerId: "${HEAVY_CUSTOMER}" }).sort({ createdAt: -1 }).limit(5)`;
      ctx.assert(
        ixscan,
        `${why} is answered by a COLLSCAN that reads all ${examined} orders. Indexes now: ${await indexList(ctx)}. ` +
          'Create a compound index in ensureIndexes(): equality field first, then the sort field — { customerId: 1, createdAt: -1 }.',
      );
      const keys = Object.keys(ixscan.keyPattern as Document);
      ctx.assert(
        !all.some((s) => s.stage === 'SORT'),
        `${why} uses index ${ixscan.indexName} but then sorts the customer's orders in memory (a SORT stage). ` +
          'Add createdAt to the index right after customerId — { customerId: 1, createdAt: -1 } — so the index hands them over newest first and the scan stops after 5.',
      );
      ctx.assert(
        keys[0] === 'customerId' && examined <= 5,
        `${why} walks index ${ixscan.indexName} (${keysExamined} keys, ${examined} documents examined to return 5): the index starts with ${keys[0]}, so it gives the order but not the customer, and the server wades through every customer's orders to find ${HEAVY_CUSTOMER}'s. ` +
          'Put the equality field first: { customerId: 1, createdAt: -1 } (Equality, Sort, Range).',
      );
    },
  },
  {
    task: 'mark-shipped',
    name: 'markShipped ships exactly one line, once',
    async run(ctx: Ctx) {
      const before = (await coll(ctx).findOne({ orderNo: SHIP_ORDER }))!;
      const target = before.items[2].sku as string;
      const first = await ctx.learner.markShipped(SHIP_ORDER, target);
      const after = (await coll(ctx).findOne({ orderNo: SHIP_ORDER }))!;
      ctx.assert(first === true, `markShipped("${SHIP_ORDER}", "${target}") should return true for an unshipped line, got ${fmt(first)}.`);
      const flags = (d: Document) => (d.items as Document[]).map((i) => `${i.sku}:${i.shipped}`).join(' ');
      ctx.assert(
        after.items[2].shipped === true && after.items[0].shipped === true && after.items[1].shipped === false,
        `After markShipped("${SHIP_ORDER}", "${target}") the lines are ${flags(after)}; only ${target} should have changed (from ${flags(before)}). ` +
          'Match the line in the filter ({ items: { $elemMatch: { sku, shipped: false } } }) and set "items.$.shipped": the $ is the position of the line the filter matched.',
      );
      ctx.assert(after.shippedCount === 2, `shippedCount should go from 1 to 2, found ${fmt(after.shippedCount)}. Increment it in the same update with $inc: { shippedCount: 1 }.`);
      ctx.assert(canon(after.items[2].price) === canon(before.items[2].price) && after.items.length === 3, 'markShipped changed other fields of the line or the number of lines; it should only flip shipped.');

      const already = before.items[0].sku as string;
      for (const [orderNo, sku, why] of [[SHIP_ORDER, already, 'is already shipped'], [SHIP_ORDER, target, 'was shipped a moment ago'], [SHIP_ORDER, 'NO-SUCH', 'is not on the order'], ['A-00000', already, 'does not exist']]) {
        const r = await ctx.learner.markShipped(orderNo, sku);
        const count = (await coll(ctx).findOne({ orderNo: SHIP_ORDER }))!.shippedCount;
        ctx.assert(
          r === false && count === 2,
          `markShipped("${orderNo}", "${sku}") — the line ${why} — returned ${fmt(r)} and shippedCount is now ${fmt(count)}; expected false and 2. ` +
            'Put shipped: false in the $elemMatch: then an already-shipped line matches nothing, modifiedCount is 0, and $inc never runs.',
        );
      }
    },
  },
  {
    task: 'mark-shipped',
    name: 'concurrent markShipped calls lose no update',
    async run(ctx: Ctx) {
      const order = (await coll(ctx).findOne({ orderNo: BURST_ORDER }))!;
      const skus = (order.items as Document[]).map((i) => i.sku as string);
      // Every line twice, all at once: eight calls must win, eight must find the line shipped.
      const results = await Promise.all([...skus, ...skus].map((sku) => ctx.learner.markShipped(BURST_ORDER, sku)));
      const after = (await coll(ctx).findOne({ orderNo: BURST_ORDER }))!;
      const shipped = (after.items as Document[]).filter((i) => i.shipped === true).length;
      const wins = results.filter((r) => r === true).length;
      ctx.assert(
        shipped === skus.length && after.shippedCount === skus.length && wins === skus.length,
        `16 concurrent markShipped calls on ${BURST_ORDER} (each of its ${skus.length} lines twice): ${wins} returned true, ${shipped} lines are shipped and shippedCount is ${fmt(after.shippedCount)}; expected ${skus.length} of each. ` +
          (shipped === 0 && wins === 0
            ? 'Nothing was shipped at all: markShipped should set the line\'s shipped flag and add 1 to shippedCount, in one updateOne with a filter, "items.$.shipped" and $inc.'
            : 'Reading the order, changing it in JavaScript and writing it back lets concurrent calls overwrite each other. One updateOne with a filter, "items.$.shipped" and $inc is atomic on the server: no read, no lost update.'),
      );
    },
  },
  {
    task: 'revenue',
    name: 'revenueByCustomer sums price × qty over paid orders, exactly',
    async run(ctx: Ctx) {
      const want = new Map<string, { revenue: bigint; units: number }>();
      for (const o of await coll(ctx).find({ status: 'paid' }).toArray()) {
        const acc = want.get(o.customerId) ?? { revenue: 0n, units: 0 };
        for (const it of o.items as Document[]) {
          acc.revenue += micros(it.price.toString()) * BigInt(it.qty);
          acc.units += it.qty;
        }
        want.set(o.customerId, acc);
      }
      const order = [...want].sort(([a, x], [b, y]) => (x.revenue === y.revenue ? (a < b ? -1 : 1) : x.revenue > y.revenue ? -1 : 1));
      const got = await ctx.learner.revenueByCustomer();
      ctx.assert(Array.isArray(got), `revenueByCustomer() should return an array, got ${fmt(got)}.`);
      const strays = got.filter((r) => !want.has(r?.customerId)).map((r) => r?.customerId);
      ctx.assert(
        strays.length === 0,
        `revenueByCustomer() lists customers with no paid orders: ${strays.slice(0, 3).join(', ')}${strays.includes(CANCELLED_CUSTOMER) ? ` (${CANCELLED_CUSTOMER}'s orders were all cancelled)` : ''}. ` +
          'Start the pipeline with { $match: { status: "paid" } }: cancelled, refunded and pending orders are not revenue.',
      );
      ctx.assert(got.length === order.length, `revenueByCustomer() returned ${got.length} customers; ${order.length} have paid orders.`);
      for (let i = 0; i < order.length; i++) {
        const [customerId, w] = order[i];
        const g = got[i];
        ctx.assert(g.customerId === customerId, `Row ${i} is ${fmt(g.customerId)}, expected ${customerId} (${show(w.revenue)}). Sort by revenue, highest first, then customerId: { $sort: { revenue: -1, customerId: 1 } }.`);
        ctx.assert(
          isBson(g.revenue, 'Decimal128'),
          `${customerId}'s revenue is ${fmt(g.revenue)} (${typeof g.revenue}); expected the Decimal128 ${show(w.revenue)}. Prices are Decimal128 so money stays exact: ` +
            'let the server compute { $sum: { $multiply: ["$items.price", "$items.qty"] } } instead of converting to JavaScript numbers (binary doubles: 0.1 + 0.2 ≠ 0.3).',
        );
        ctx.assert(
          micros(g.revenue.toString()) === w.revenue,
          `${customerId}'s revenue is ${g.revenue.toString()}, expected ${show(w.revenue)}: $unwind the items, then $group by customerId with $sum of price × qty, over paid orders only.`,
        );
        ctx.assert(Number(g.units) === w.units, `${customerId} bought ${w.units} units in paid orders (sum of qty), got ${fmt(g.units)}.`);
      }
    },
  },
]);
