// Hidden checks for dynamodb-paginate-and-guard. The fixture gives C42 ~1.2 MB of orders, so a
// complete read takes several 1 MB Query pages; ctx.dynamodb.operations() shows the requests
// the learner's code sent (ExclusiveStartKey, ConditionExpression, ProjectionExpression…).
import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { defineChecks, type CheckContext, type DynamoOperation } from '../../engine/contracts/checks.ts';
import { BIG_COUNT, BIG_CUSTOMER, SMALL_ORDERS, TABLE, bigOrder } from './fixture.ts';
import type { Order } from './solution.ts';

type Ctx = CheckContext<typeof import('./solution.ts')>;

const BIG = Array.from({ length: BIG_COUNT }, (_, i) => bigOrder(i));
const key = (o: { customerId: string; placedOn: string; orderId: string }) => ({ PK: `CUSTOMER#${o.customerId}`, SK: `ORDER#${o.placedOn}#${o.orderId}` });
const opsNamed = (ctx: Ctx, name: string) => ctx.dynamodb!.operations().filter((o) => o.operation === name);

function noScan(ctx: Ctx, fn: string): DynamoOperation[] {
  const scans = opsNamed(ctx, 'Scan');
  ctx.assert(scans.length === 0, `${fn} sent ${scans.length} Scan request(s). A Scan reads every customer's items and filters afterwards; a Query on PK = CUSTOMER#<id> reads only this customer's collection.`);
  return opsNamed(ctx, 'Query');
}

/** Same ids in the same order; `what` names the call in messages. */
function sameIds(ctx: Ctx, what: string, got: { orderId?: string }[], want: { orderId: string }[]): void {
  ctx.assert(Array.isArray(got), `${what} should return an array, got ${typeof got}.`);
  if (got.length < want.length)
    ctx.fail(
      `${what} returned ${got.length} of ${want.length} orders. One Query answer carries at most 1 MB of items; when it includes LastEvaluatedKey there is more: ` +
        'send the same Query again with ExclusiveStartKey = LastEvaluatedKey until no LastEvaluatedKey comes back.',
    );
  const stray = got.find((o) => typeof o?.orderId !== 'string');
  ctx.assert(!stray, `${what} returned an item that is not an order: ${JSON.stringify(stray)?.slice(0, 120)}. The profile (SK = "PROFILE") shares the item collection; begins_with(SK, :order) keeps it out.`);
  ctx.assert(got.length === want.length, `${what} returned ${got.length} items, expected ${want.length}: are some pages read twice?`);
  const at = got.findIndex((o, i) => o.orderId !== want[i]!.orderId);
  ctx.assert(at < 0, `${what}: item ${at} is ${got[at]?.orderId}, expected ${want[at]?.orderId}. Orders come back oldest first, in sort-key order, page after page.`);
}

export default defineChecks<typeof import('./solution.ts')>([
  {
    task: 'paginate',
    name: 'allOrders returns all 130 orders of C42, oldest first, page after page with ExclusiveStartKey',
    async run(ctx: Ctx) {
      const got = await ctx.learner.allOrders(BIG_CUSTOMER);
      const queries = noScan(ctx, 'allOrders');
      sameIds(ctx, `allOrders("${BIG_CUSTOMER}")`, got, BIG);
      ctx.assert(queries.length >= 2, `allOrders got everything in ${queries.length} Query request(s); ~1.2 MB cannot fit in one 1 MB page. How?`);
      const chained = queries.slice(1).every((q) => q.request.ExclusiveStartKey);
      ctx.assert(chained, 'Every Query after the first should carry ExclusiveStartKey (the previous answer\'s LastEvaluatedKey); without it DynamoDB starts again from the beginning.');
      sameIds(ctx, 'allOrders("C43")', await ctx.learner.allOrders('C43'), SMALL_ORDERS);
    },
  },
  {
    task: 'create-only',
    name: 'createOrder creates a new order and returns true',
    async run(ctx: Ctx) {
      const order: Order = { customerId: 'C43', orderId: 'S9', placedOn: '2024-04-01', total: 21, status: 'placed' };
      const created = await ctx.learner.createOrder(order);
      ctx.assert(created === true, `createOrder for a new order should return true, got ${JSON.stringify(created)}.`);
      const { Item } = await ctx.dynamodb!.doc.send(new GetCommand({ TableName: TABLE, Key: key(order) }));
      ctx.assert(Item?.total === 21, `After createOrder(${JSON.stringify(order)}) the item at ${JSON.stringify(key(order))} is ${JSON.stringify(Item)}: it should hold the order.`);
    },
  },
  {
    task: 'create-only',
    name: 'createOrder refuses to overwrite an existing order, atomically, and returns false',
    async run(ctx: Ctx) {
      const existing = SMALL_ORDERS[0]!;
      const result = await ctx.learner.createOrder({ ...existing, total: 999 } as Order);
      const { Item } = await ctx.dynamodb!.doc.send(new GetCommand({ TableName: TABLE, Key: key(existing) }));
      ctx.assert(Item?.total === existing.total, `createOrder overwrote order ${existing.orderId}: its total is now ${Item?.total}, was ${existing.total}. PutItem replaces silently; add ConditionExpression: 'attribute_not_exists(PK)'.`);
      ctx.assert(result === false, `createOrder for an order that already exists should return false, got ${JSON.stringify(result)}.`);
      const writes = [...opsNamed(ctx, 'PutItem'), ...opsNamed(ctx, 'UpdateItem')];
      ctx.assert(
        writes.length > 0 && writes.every((w) => typeof w.request.ConditionExpression === 'string'),
        'createOrder decided without a conditional write. Reading first (GetItem) and writing after leaves a window in which another request creates the same order between your read and your write; ' +
          "ConditionExpression: 'attribute_not_exists(PK)' makes the check and the write one atomic step inside DynamoDB.",
      );
    },
  },
  {
    task: 'create-only',
    name: 'createOrder lets errors other than ConditionalCheckFailedException through',
    async run(ctx: Ctx) {
      // 410,000 characters of notes: over the 400 KB item limit, so DynamoDB answers ValidationException.
      const huge: Order = { customerId: 'C43', orderId: 'S8', placedOn: '2024-04-02', total: 1, status: 'placed', notes: 'x'.repeat(410_000) };
      let outcome: unknown;
      try {
        outcome = await ctx.learner.createOrder(huge);
      } catch {
        return;
      }
      ctx.fail(
        `createOrder returned ${JSON.stringify(outcome)} for a 410 KB order, but DynamoDB refused it (items are capped at 400 KB, names included) — the order was not created and did not exist. ` +
          'Only ConditionalCheckFailedException means "already exists": check err.name and rethrow everything else.',
      );
    },
  },
  {
    task: 'project',
    name: 'orderTotals returns { orderId, total } of every order, projected by DynamoDB',
    async run(ctx: Ctx) {
      const got = await ctx.learner.orderTotals(BIG_CUSTOMER);
      const queries = noScan(ctx, 'orderTotals');
      sameIds(ctx, `orderTotals("${BIG_CUSTOMER}")`, got, BIG);
      const odd = got.find((o, i) => Object.keys(o).sort().join() !== 'orderId,total' || o.total !== BIG[i]!.total);
      ctx.assert(!odd, `Each entry should be exactly { orderId, total } with the stored total; got ${JSON.stringify(odd)?.slice(0, 160)}.`);
      ctx.assert(
        queries.length > 0 && queries.every((q) => typeof q.request.ProjectionExpression === 'string'),
        'orderTotals should ask DynamoDB for just orderId and total with a ProjectionExpression (TOTAL is reserved: use #total + ExpressionAttributeNames) instead of downloading ~1.2 MB of notes and dropping them in JavaScript.',
      );
    },
  },
  {
    task: 'read-cost',
    name: 'readCost sums ConsumedCapacity over every page',
    async run(ctx: Ctx) {
      const got = await ctx.learner.readCost(BIG_CUSTOMER);
      const queries = noScan(ctx, 'readCost');
      ctx.assert(queries.length > 0 && queries.every((q) => q.request.ReturnConsumedCapacity === 'TOTAL' || q.request.ReturnConsumedCapacity === 'INDEXES'), "readCost's Query requests should ask for ReturnConsumedCapacity: 'TOTAL' — DynamoDB only reports the cost when asked.");
      let expected = 0;
      let pages = 0;
      let start: Record<string, unknown> | undefined;
      const input: QueryCommandInput = {
        TableName: TABLE,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :order)',
        ExpressionAttributeValues: { ':pk': `CUSTOMER#${BIG_CUSTOMER}`, ':order': 'ORDER#' },
        ReturnConsumedCapacity: 'TOTAL',
      };
      do {
        const page = await ctx.dynamodb!.doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
        expected += page.ConsumedCapacity?.CapacityUnits ?? 0;
        pages++;
        start = page.LastEvaluatedKey;
      } while (start);
      if (typeof got === 'number' && Math.abs(got - 2 * expected) < 1e-9)
        ctx.fail(`readCost returned ${got}, twice the expected ${expected}: that is a strongly consistent read (ConsistentRead: true). Eventually consistent reads, the default, cost half.`);
      ctx.assert(
        typeof got === 'number' && Math.abs(got - expected) < 1e-9,
        `readCost returned ${JSON.stringify(got)}, expected ${expected} read units: the sum of ConsumedCapacity.CapacityUnits over all ${pages} pages (each page rounds its bytes up to 4 KB units, halved for an eventually consistent read).`,
      );
    },
  },
]);
