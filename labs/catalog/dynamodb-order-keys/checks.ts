// Hidden checks for dynamodb-order-keys. Each check seeds the data it needs through the admin
// client (so tasks grade independently), calls the learner's function, then judges both the
// answer and how it was obtained: ctx.dynamodb.operations() shows every request the learner's
// code sent, with Count and ScannedCount, so a Scan or an over-reading Query cannot hide.
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { defineChecks, type CheckContext, type DynamoOperation } from '../../engine/contracts/checks.ts';
import type { Order } from './solution.ts';

type Ctx = CheckContext<typeof import('./solution.ts')>;
const TABLE = 'Orders';

/** C7's item collection: orders on both boundaries of May, one just outside, and a profile item. */
const C7: Order[] = [
  { customerId: 'C7', orderId: 'B1', placedOn: '2024-04-28', total: 18, status: 'delivered' },
  { customerId: 'C7', orderId: 'B2', placedOn: '2024-04-30', total: 7.25, status: 'delivered' },
  { customerId: 'C7', orderId: 'B3', placedOn: '2024-05-01', total: 42, status: 'delivered' },
  { customerId: 'C7', orderId: 'B4', placedOn: '2024-05-20', total: 99.9, status: 'shipped' },
  { customerId: 'C7', orderId: 'B5', placedOn: '2024-05-20', total: 5, status: 'shipped' },
  { customerId: 'C7', orderId: 'B6', placedOn: '2024-05-31', total: 64, status: 'shipped' },
  { customerId: 'C7', orderId: 'B7', placedOn: '2024-05-31', total: 11, status: 'placed' },
  { customerId: 'C7', orderId: 'B8', placedOn: '2024-06-01', total: 23, status: 'placed' },
  { customerId: 'C7', orderId: 'B9', placedOn: '2024-06-03', total: 310, status: 'placed' },
];
/** Another customer with orders in the same month: a query must never return these. */
const C8: Order[] = [
  { customerId: 'C8', orderId: 'X1', placedOn: '2024-05-02', total: 1, status: 'placed' },
  { customerId: 'C8', orderId: 'X2', placedOn: '2024-05-30', total: 2, status: 'placed' },
];

const pk = (o: Pick<Order, 'customerId'>) => `CUSTOMER#${o.customerId}`;
const sk = (o: Pick<Order, 'placedOn' | 'orderId'>) => `ORDER#${o.placedOn}#${o.orderId}`;
const ids = (orders: readonly Pick<Order, 'orderId'>[]) => `[${orders.map((o) => o.orderId).join(', ')}]`;

/** Tasks 2–5 need the table; create it when task 1 is not done yet, refuse a wrong key schema. */
async function ensureTable(ctx: Ctx): Promise<void> {
  const ddb = ctx.dynamodb!.client;
  try {
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: TABLE }));
    const keys = (Table?.KeySchema ?? []).map((k) => `${k.AttributeName} (${k.KeyType})`).join(', ');
    if (keys !== 'PK (HASH), SK (RANGE)')
      ctx.fail(`The Orders table has the key schema ${keys}, but this task needs PK (HASH), SK (RANGE). Fix createOrdersTable (task 1) first.`);
  } catch (err) {
    if ((err as Error).name !== 'ResourceNotFoundException') throw err;
    await ddb.send(
      new CreateTableCommand({
        TableName: TABLE,
        AttributeDefinitions: [
          { AttributeName: 'PK', AttributeType: 'S' },
          { AttributeName: 'SK', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  }
}

async function seed(ctx: Ctx): Promise<void> {
  await ensureTable(ctx);
  const doc = ctx.dynamodb!.doc;
  for (const o of [...C7, ...C8]) await doc.send(new PutCommand({ TableName: TABLE, Item: { PK: pk(o), SK: sk(o), ...o } }));
  // Single-table design: the customer's profile lives in the same item collection as the orders.
  await doc.send(new PutCommand({ TableName: TABLE, Item: { PK: 'CUSTOMER#C7', SK: 'PROFILE', name: 'Ada', email: 'ada@example.com' } }));
}

/** Fail on any Scan; return the learner's Query requests. */
function queriesOnly(ctx: Ctx, fn: string): DynamoOperation[] {
  const ops = ctx.dynamodb!.operations();
  const scans = ops.filter((o) => o.operation === 'Scan');
  if (scans.length > 0)
    ctx.fail(
      `${fn} sent a Scan (it read ${scans.reduce((n, o) => n + (o.scannedCount ?? 0), 0)} items: every item of every customer). ` +
        'A Scan pays for the whole table on every call; a Query on PK = CUSTOMER#<id> reads only that customer\'s item collection.',
    );
  return ops.filter((o) => o.operation === 'Query');
}

const scanned = (ops: DynamoOperation[]) => ops.reduce((n, o) => n + (o.scannedCount ?? 0), 0);

function sameOrders(ctx: Ctx, fn: string, got: Order[], want: Order[]): void {
  ctx.assert(Array.isArray(got), `${fn} should return an array of orders, got ${JSON.stringify(got)}.`);
  const gotIds = got.map((o) => o?.orderId);
  const missing = want.filter((o) => !gotIds.includes(o.orderId));
  const extra = got.filter((o) => !want.some((w) => w.orderId === o?.orderId));
  if (missing.length > 0) {
    const lastDay = want[want.length - 1]?.placedOn;
    const hint = missing.every((o) => o.placedOn === lastDay)
      ? ` They were placed on ${lastDay}, the last day of the range: ORDER#${lastDay} sorts before ORDER#${lastDay}#<orderId>, so an upper bound of ORDER#${lastDay} leaves them out.`
      : '';
    ctx.fail(`${fn} missed ${ids(missing)}: expected ${ids(want)}, got ${ids(got)}.${hint}`);
  }
  if (extra.length > 0)
    ctx.fail(`${fn} returned ${ids(extra)}, which do not belong: expected ${ids(want)}, got ${ids(got)}. Check the bounds of your key condition (and that profile items are not orders).`);
  ctx.assert(gotIds.join() === want.map((o) => o.orderId).join(), `${fn} returned the right orders in the wrong order: expected ${ids(want)}, got ${ids(got)}.`);
}

export default defineChecks<typeof import('./solution.ts')>([
  {
    task: 'create-table',
    name: 'createOrdersTable creates Orders with PK (HASH, S) and SK (RANGE, S)',
    async run(ctx: Ctx) {
      await ctx.learner.createOrdersTable();
      let table;
      try {
        ({ Table: table } = await ctx.dynamodb!.client.send(new DescribeTableCommand({ TableName: TABLE })));
      } catch (err) {
        if ((err as Error).name === 'ResourceNotFoundException') ctx.fail('After createOrdersTable() there is no table named "Orders". Did you send the CreateTableCommand, with TableName "Orders"?');
        throw err;
      }
      const keys = (table?.KeySchema ?? []).map((k) => `${k.AttributeName} (${k.KeyType})`).join(', ');
      ctx.assert(keys === 'PK (HASH), SK (RANGE)', `Expected the key schema PK (HASH), SK (RANGE), got ${keys || 'none'}. A composite key lists the partition key (HASH) first, then the sort key (RANGE).`);
      for (const name of ['PK', 'SK']) {
        const type = table?.AttributeDefinitions?.find((d) => d.AttributeName === name)?.AttributeType;
        ctx.assert(type === 'S', `${name} should be a string (AttributeType "S"), got ${type ?? 'no definition'}: overloaded keys like CUSTOMER#42 are strings.`);
      }
    },
  },
  {
    task: 'save-order',
    name: 'saveOrder stores PK = CUSTOMER#<id>, SK = ORDER#<date>#<orderId> and the order attributes',
    async run(ctx: Ctx) {
      await ensureTable(ctx);
      const order: Order = { customerId: 'S1', orderId: 'Z9', placedOn: '2024-03-09', total: 12.75, status: 'placed' };
      await ctx.learner.saveOrder(order);
      const { Item } = await ctx.dynamodb!.doc.send(new GetCommand({ TableName: TABLE, Key: { PK: pk(order), SK: sk(order) } }));
      if (!Item) {
        const { Items } = await ctx.dynamodb!.doc.send(new ScanCommand({ TableName: TABLE, Limit: 20 }));
        const found = (Items ?? []).find((i) => JSON.stringify(i).includes('Z9'));
        ctx.fail(
          `No item with PK = "${pk(order)}" and SK = "${sk(order)}" after saveOrder(${JSON.stringify(order)}).` +
            (found ? ` There is an item with PK = ${JSON.stringify(found.PK)}, SK = ${JSON.stringify(found.SK)}: check the key formats.` : ' Nothing was written at all.'),
        );
      }
      for (const field of ['customerId', 'orderId', 'placedOn', 'total', 'status'] as const)
        ctx.assert(Item[field] === order[field], `The stored item's ${field} is ${JSON.stringify(Item[field])}, expected ${JSON.stringify(order[field])}: store the order's own attributes beside PK and SK.`);
    },
  },
  {
    task: 'get-order',
    name: 'getOrder reads one item by its full key (no Scan) and returns undefined when absent',
    async run(ctx: Ctx) {
      await seed(ctx);
      const want = C7[3]!;
      const got = await ctx.learner.getOrder('C7', want.placedOn, want.orderId);
      ctx.assert(got, `getOrder("C7", "${want.placedOn}", "${want.orderId}") returned ${JSON.stringify(got)}; expected order ${want.orderId}.`);
      for (const field of ['orderId', 'placedOn', 'total', 'status'] as const)
        ctx.assert(got[field] === want[field], `getOrder returned ${field} = ${JSON.stringify(got[field])}, expected ${JSON.stringify(want[field])}.`);
      const none = await ctx.learner.getOrder('C7', '2024-05-20', 'NOPE');
      ctx.assert(none === undefined, `getOrder for an order that does not exist should return undefined, got ${JSON.stringify(none)}.`);
      const over = queriesOnly(ctx, 'getOrder').filter((o) => (o.scannedCount ?? 0) > 1);
      ctx.assert(over.length === 0, `getOrder read ${scanned(over)} items to find one. With the full primary key, GetItem reads exactly one item (1 read unit at most 4 KB, strongly consistent).`);
    },
  },
  {
    task: 'orders-between',
    name: 'ordersBetween returns the range oldest first, read by the key condition alone',
    async run(ctx: Ctx) {
      await seed(ctx);
      const may = C7.filter((o) => o.placedOn >= '2024-05-01' && o.placedOn <= '2024-05-31');
      sameOrders(ctx, 'ordersBetween("C7", "2024-05-01", "2024-05-31")', await ctx.learner.ordersBetween('C7', '2024-05-01', '2024-05-31'), may);
      const queries = queriesOnly(ctx, 'ordersBetween');
      ctx.assert(queries.length > 0, 'ordersBetween returned the right orders without sending a Query. Read them with a QueryCommand on PK = CUSTOMER#<id>.');
      ctx.assert(
        scanned(queries) === may.length,
        `ordersBetween's Query read ${scanned(queries)} items to return ${may.length}. A FilterExpression runs after the read and you pay for every item it drops: put the dates in the KeyConditionExpression (SK BETWEEN :from AND :to).`,
      );
      const june = C7.filter((o) => o.placedOn >= '2024-06-01' && o.placedOn <= '2024-06-30');
      sameOrders(ctx, 'ordersBetween("C7", "2024-06-01", "2024-06-30")', await ctx.learner.ordersBetween('C7', '2024-06-01', '2024-06-30'), june);
      const none = await ctx.learner.ordersBetween('C8', '2024-06-01', '2024-06-30');
      ctx.assert(Array.isArray(none) && none.length === 0, `ordersBetween("C8", June) should be empty, got ${JSON.stringify(none)}.`);
    },
  },
  {
    task: 'latest-orders',
    name: 'latestOrders reads backwards and stops after n items',
    async run(ctx: Ctx) {
      await seed(ctx);
      const newestFirst = [...C7].sort((a, b) => (sk(a) < sk(b) ? 1 : -1));
      const got = await ctx.learner.latestOrders('C7', 3);
      if (Array.isArray(got) && got.some((o) => o && !('orderId' in o)))
        ctx.fail(`latestOrders returned a non-order item ${JSON.stringify(got.find((o) => !('orderId' in o)))}. The customer's item collection also holds SK = "PROFILE", which sorts after every ORDER#… key: restrict the sort key with begins_with(SK, :prefix).`);
      if (Array.isArray(got) && got.length === 3 && ids(got) === ids(C7.slice(0, 3)))
        ctx.fail(`latestOrders("C7", 3) returned the three oldest orders ${ids(got)}. A Query returns items in ascending sort-key order unless you set ScanIndexForward: false.`);
      sameOrders(ctx, 'latestOrders("C7", 3)', got, newestFirst.slice(0, 3));
      const queries = queriesOnly(ctx, 'latestOrders');
      ctx.assert(queries.length > 0, 'latestOrders returned the right orders without sending a Query.');
      ctx.assert(
        scanned(queries) <= 3,
        `latestOrders read ${scanned(queries)} items to return 3. Without Limit the Query reads (and bills) the whole collection; Limit: n makes DynamoDB stop after n items.`,
      );
      sameOrders(ctx, 'latestOrders("C7", 1)', await ctx.learner.latestOrders('C7', 1), newestFirst.slice(0, 1));
      sameOrders(ctx, 'latestOrders("C7", 50)', await ctx.learner.latestOrders('C7', 50), newestFirst);
    },
  },
]);
