// Hidden checks for dynamodb-gsi-access-patterns. Expected answers are computed from the base
// table with the admin client (a Scan the learner never sees), independently of any index;
// ctx.dynamodb.operations() shows how the learner got theirs: a Query on which IndexName, with
// which ScanIndexForward, or a Scan.
import { DescribeTableCommand, UpdateTableCommand, type GlobalSecondaryIndexDescription } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { defineChecks, type CheckContext, type DynamoOperation } from '../../engine/contracts/checks.ts';
import { OPEN, TABLE, type SeedOrder } from './fixture.ts';

type Ctx = CheckContext<typeof import('./solution.ts')>;

const opsNamed = (ctx: Ctx, name: string) => ctx.dynamodb!.operations().filter((o) => o.operation === name);

/** Every item of the table, read by the grader (learners' code never needs this). */
async function allItems(ctx: Ctx): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ctx.dynamodb!.doc.send(new ScanCommand({ TableName: TABLE, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

async function describeIndex(ctx: Ctx, name: string): Promise<GlobalSecondaryIndexDescription | undefined> {
  const { Table } = await ctx.dynamodb!.client.send(new DescribeTableCommand({ TableName: TABLE }));
  return Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === name);
}

/** Tasks 2+ need ByStatus: when task 1 did not create it, the grader does, so each task grades on its own. */
async function ensureStatusIndex(ctx: Ctx): Promise<void> {
  if (await describeIndex(ctx, 'ByStatus')) return;
  await ctx.dynamodb!.client.send(
    new UpdateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [
        { AttributeName: 'status', AttributeType: 'S' },
        { AttributeName: 'placedAt', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexUpdates: [
        { Create: { IndexName: 'ByStatus', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }, { AttributeName: 'placedAt', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } } },
      ],
    }),
  );
  while ((await describeIndex(ctx, 'ByStatus'))?.IndexStatus !== 'ACTIVE') await new Promise((r) => setTimeout(r, 50));
}

/** The learner's reads must be Queries on `index`; a Scan or a Query on another index fails with the reason. */
function queriesOn(ctx: Ctx, fn: string, index: string): DynamoOperation[] {
  const scans = opsNamed(ctx, 'Scan');
  ctx.assert(
    scans.length === 0,
    `${fn} sent ${scans.length} Scan request(s)${scans[0]?.scannedCount !== undefined ? ` that read ${scans.reduce((n, s) => n + (s.scannedCount ?? 0), 0)} items` : ''}. ` +
      `A Scan reads every order of every customer and pays for all of them; a Query on the ${index} index reads only the matching index entries.`,
  );
  const queries = opsNamed(ctx, 'Query');
  const elsewhere = queries.filter((q) => q.index !== index);
  ctx.assert(
    queries.length > 0 && elsewhere.length === 0,
    queries.length === 0
      ? `${fn} sent no Query. Expected a Query with IndexName: '${index}'.`
      : `${fn} queried ${elsewhere.map((q) => q.index ?? 'the table itself').join(', ')}; expected IndexName: '${index}'. Without IndexName a Query reads the table's own key (PK = CUSTOMER#…), which cannot answer this question.`,
  );
  return queries;
}

const nos = (list: readonly { orderNo?: unknown }[]) => `[${list.map((o) => o?.orderNo).join(', ')}]`;

export default defineChecks<typeof import('./solution.ts')>([
  {
    task: 'add-index',
    name: 'addStatusIndex adds ByStatus (status, placedAt) with UpdateTable and waits until it is ACTIVE',
    async run(ctx: Ctx) {
      await ctx.learner.addStatusIndex();
      const ops = ctx.dynamodb!.operations();
      const update = ops.findIndex((o) => o.operation === 'UpdateTable' && o.status === 200);
      ctx.assert(update >= 0, 'addStatusIndex sent no successful UpdateTable. A GSI is added to an existing table with UpdateTable and GlobalSecondaryIndexUpdates: [{ Create: { … } }].');
      const index = await describeIndex(ctx, 'ByStatus');
      ctx.assert(index, `After addStatusIndex the table has no index named ByStatus (it has ${JSON.stringify((await ctx.dynamodb!.client.send(new DescribeTableCommand({ TableName: TABLE }))).Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName))}).`);
      const keys = (index.KeySchema ?? []).map((k) => `${k.AttributeName} ${k.KeyType}`).join(', ');
      ctx.assert(
        keys === 'status HASH, placedAt RANGE',
        `ByStatus has the key schema [${keys}]; expected [status HASH, placedAt RANGE]: the status picks the index partition, placedAt orders it, so "newest SHIPPED orders" is one Query read backwards.`,
      );
      const p = index.Projection;
      const needed = ['customerId', 'orderNo', 'total', 'warehouse', 'lines'];
      const missing = p?.ProjectionType === 'ALL' ? [] : needed.filter((a) => !(p?.NonKeyAttributes ?? []).includes(a));
      ctx.assert(
        missing.length === 0,
        `ByStatus projects ${p?.ProjectionType}${p?.NonKeyAttributes ? ` [${p.NonKeyAttributes.join(', ')}]` : ''}, so it lacks ${missing.join(', ')}. ordersByStatus returns whole orders, and a Query on a GSI can only return projected attributes — it never fetches from the table. Use ProjectionType ALL (or INCLUDE every attribute of an order).`,
      );
      ctx.assert(index.IndexStatus === 'ACTIVE', `ByStatus is ${index.IndexStatus} after addStatusIndex returned; wait until it is ACTIVE.`);
      const waited = ops.slice(update + 1).some((o) => o.operation === 'DescribeTable');
      ctx.assert(
        waited,
        'addStatusIndex returned right after UpdateTable without asking DescribeTable how the index is doing. On AWS a new GSI spends minutes (or hours, on a big table) in CREATING while DynamoDB backfills it, and a Query on it fails until IndexStatus is ACTIVE. ' +
          "Poll DescribeTable until Table.GlobalSecondaryIndexes' ByStatus entry says ACTIVE (the table itself stays ACTIVE all along, so waitUntilTableExists is not enough).",
      );
    },
  },
  {
    task: 'by-status',
    name: 'ordersByStatus returns the newest orders of a status, newest first, from one Query on ByStatus',
    async run(ctx: Ctx) {
      await ensureStatusIndex(ctx);
      const items = await allItems(ctx);
      for (const [status, limit] of [['SHIPPED', 4], ['CANCELLED', 3]] as const) {
        const before = ctx.dynamodb!.operations().length;
        let got: Awaited<ReturnType<Ctx['learner']['ordersByStatus']>>;
        try {
          got = await ctx.learner.ordersByStatus(status, limit);
        } catch (err) {
          const e = err as Error;
          if (/consistent reads/i.test(e.message))
            ctx.fail(`ordersByStatus threw ${e.name}: ${e.message}. A GSI is updated asynchronously, so it only offers eventually consistent reads: drop ConsistentRead (read your own writes from the table by key instead).`);
          throw err;
        }
        const want = items.filter((i) => i.status === status).sort((a, b) => String(b.placedAt).localeCompare(String(a.placedAt))).slice(0, limit);
        queriesOn(ctx, `ordersByStatus('${status}', ${limit})`, 'ByStatus');
        ctx.assert(Array.isArray(got), `ordersByStatus should return an array, got ${typeof got}.`);
        const oldest = items.filter((i) => i.status === status).sort((a, b) => String(a.placedAt).localeCompare(String(b.placedAt))).slice(0, limit);
        if (got.length === limit && got.every((o, i) => o?.orderNo === oldest[i]!.orderNo))
          ctx.fail(`ordersByStatus('${status}', ${limit}) returned the ${limit} OLDEST ${status} orders ${nos(got)}; expected the newest ${nos(want)}. An index is read in ascending sort-key order unless you pass ScanIndexForward: false.`);
        ctx.assert(
          got.length === want.length && got.every((o, i) => o?.orderNo === want[i]!.orderNo),
          `ordersByStatus('${status}', ${limit}) returned ${nos(got)}; expected ${nos(want)} (the ${limit} most recent ${status} orders, newest first).`,
        );
        const odd = got.find((o, i) => o.total !== want[i]!.total || o.customerId !== want[i]!.customerId || !Array.isArray(o.lines));
        ctx.assert(!odd, `ordersByStatus should return whole orders (customerId, total, lines…); got ${JSON.stringify(odd)?.slice(0, 200)}. Is ByStatus projecting everything?`);
        const mine = ctx.dynamodb!.operations().slice(before).filter((o) => o.operation === 'Query');
        const read = mine.reduce((n, q) => n + (q.scannedCount ?? 0), 0);
        ctx.assert(
          read <= limit,
          `ordersByStatus('${status}', ${limit}) read ${read} index entries to return ${limit}. Let DynamoDB stop early with Limit: ${limit} instead of reading every ${status} order and slicing in JavaScript.`,
        );
      }
    },
  },
  {
    task: 'by-number',
    name: 'orderByNumber finds the key on ByOrderNo (KEYS_ONLY), then reads the whole order',
    async run(ctx: Ctx) {
      const items = await allItems(ctx);
      const target = items.find((i) => i.orderNo === 'ORD-10345')!;
      const got = await ctx.learner.orderByNumber('ORD-10345');
      queriesOn(ctx, "orderByNumber('ORD-10345')", 'ByOrderNo');
      ctx.assert(got && typeof got === 'object', `orderByNumber('ORD-10345') returned ${JSON.stringify(got)}; that order exists (customer ${target.customerId}).`);
      const missing = ['customerId', 'placedAt', 'status', 'total', 'lines', 'warehouse'].filter((a) => (got as unknown as Record<string, unknown>)[a] === undefined);
      ctx.assert(
        missing.length === 0,
        `orderByNumber('ORD-10345') returned ${JSON.stringify(got)}, without ${missing.join(', ')}. ByOrderNo is KEYS_ONLY: its entries hold orderNo plus the table key (PK, SK) and nothing else, and a GSI never fetches from the table. Use the PK and SK it gives you in a GetItem on the table.`,
      );
      ctx.assert(got.total === target.total && got.placedAt === target.placedAt && got.customerId === target.customerId, `orderByNumber('ORD-10345') returned ${JSON.stringify(got)}; expected the order ${JSON.stringify({ ...target, PK: undefined, SK: undefined })}.`);
      const none = await ctx.learner.orderByNumber('ORD-99999');
      ctx.assert(none === undefined || none === null, `orderByNumber('ORD-99999') should return undefined (no such order), got ${JSON.stringify(none)}.`);
    },
  },
  {
    task: 'open-orders',
    name: "openOrders reads a warehouse's open orders, oldest first, from the sparse OpenByWarehouse index",
    async run(ctx: Ctx) {
      const items = await allItems(ctx);
      for (const warehouse of ['OSLO', 'BERLIN']) {
        const got = await ctx.learner.openOrders(warehouse);
        const queries = queriesOn(ctx, `openOrders('${warehouse}')`, 'OpenByWarehouse');
        const want = items.filter((i) => i.warehouse === warehouse && OPEN.includes(i.status as SeedOrder['status'])).sort((a, b) => String(a.placedAt).localeCompare(String(b.placedAt)));
        ctx.assert(Array.isArray(got), `openOrders should return an array, got ${typeof got}.`);
        ctx.assert(
          got.length === want.length && got.every((o, i) => o?.orderNo === want[i]!.orderNo),
          `openOrders('${warehouse}') returned ${nos(got)}; expected ${nos(want)}: the ${want.length} orders of ${warehouse} that are PLACED or PACKED, oldest first. The index holds exactly those — no filter needed.`,
        );
        const filtered = queries.filter((q) => q.request.FilterExpression);
        ctx.assert(filtered.length === 0, `openOrders sent a FilterExpression (${String(filtered[0]?.request.FilterExpression)}). The OpenByWarehouse index is sparse: only open orders carry openSince, so only they are in it. A filter there only hides a design mistake.`);
        ctx.assert(got.every((o) => typeof o.total === 'number' && typeof o.openSince === 'string'), `openOrders entries should carry orderNo, status, total and openSince (all projected into the index); got ${JSON.stringify(got[0])}.`);
      }
    },
  },
  {
    task: 'open-orders',
    name: 'shipOrder marks an order SHIPPED and takes it out of the sparse index',
    async run(ctx: Ctx) {
      const items = await allItems(ctx);
      const open = items.filter((i) => i.warehouse === 'OSLO' && typeof i.openSince === 'string').sort((a, b) => String(a.placedAt).localeCompare(String(b.placedAt)));
      const target = open[1]!;
      try {
        await ctx.learner.shipOrder(String(target.customerId), String(target.placedAt));
      } catch (err) {
        const e = err as Error;
        if (e.name === 'ValidationException')
          ctx.fail(
            `shipOrder threw ValidationException: ${e.message}. openSince is the sort key of OpenByWarehouse, and an index key must be a non-empty String (S), Number or Binary — NULL, '' or any other type is refused, it cannot mean "not in the index". ` +
              'Leaving the index means not having the attribute at all: REMOVE openSince.',
          );
        throw err;
      }
      const { Item } = await ctx.dynamodb!.doc.send(new GetCommand({ TableName: TABLE, Key: { PK: target.PK, SK: target.SK } }));
      ctx.assert(Item?.status === 'SHIPPED', `After shipOrder(${target.customerId}, ${target.placedAt}) order ${target.orderNo} has status ${JSON.stringify(Item?.status)}; expected SHIPPED.`);
      const { Items = [] } = await ctx.dynamodb!.doc.send(
        new QueryCommand({ TableName: TABLE, IndexName: 'OpenByWarehouse', KeyConditionExpression: 'warehouse = :w', ExpressionAttributeValues: { ':w': 'OSLO' } }),
      );
      ctx.assert(
        !Items.some((i) => i.orderNo === target.orderNo),
        `Order ${target.orderNo} is SHIPPED but still in the OpenByWarehouse index (its item still has openSince = ${JSON.stringify(Item?.openSince)}). An item is in a sparse index exactly when it has the index's key attributes: REMOVE openSince in the same UpdateItem that sets the status.`,
      );
      ctx.assert(Items.length === open.length - 1, `OpenByWarehouse for OSLO now holds ${Items.length} orders; expected ${open.length - 1} (only ${target.orderNo} should have left).`);
      const again = await ctx.learner.openOrders('OSLO');
      ctx.assert(!again.some((o) => o.orderNo === target.orderNo), `openOrders('OSLO') still lists ${target.orderNo} after it was shipped.`);
    },
  },
]);
