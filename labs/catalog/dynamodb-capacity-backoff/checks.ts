// Hidden checks for dynamodb-capacity-backoff. Before a load the check spends the table's burst
// credit (300 s of provisioned capacity, as DynamoDB keeps) with large puts until DynamoDB
// throttles, so the learner's first requests meet an empty bucket; nothing here measures time —
// the learner's loader waits until the emulator's token bucket has refilled.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/burst-adaptive-capacity.html
import { DynamoDBClient, GetItemCommand, PutItemCommand, TransactGetItemsCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import { ARCHIVE, EVENTS, EVENTS_WCU, FROZEN } from './fixture.ts';

type Ctx = CheckContext<typeof import('./solution.ts')>;

const KB = 1024;
const events = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ pk: `${prefix}${String(i).padStart(3, '0')}`, kind: 'click', n: i }));
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A client of our own with the SDK's retries off, so a refusal is seen as one. */
function rawClient(ctx: Ctx): DynamoDBClient {
  const env = ctx.env;
  return new DynamoDBClient({
    endpoint: env.DYNAMODB_ENDPOINT,
    region: env.AWS_REGION,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '' },
    maxAttempts: 1,
  });
}

/** One put of a `kb` KB item; false when DynamoDB throttled it. */
async function burn(client: DynamoDBClient, table: string, kb: number): Promise<boolean> {
  try {
    await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: `burn${kb}` }, blob: { S: 'x'.repeat(kb * KB - 100) } } }));
    return true;
  } catch (err) {
    if ((err as Error).name === 'ProvisionedThroughputExceededException') return false;
    throw err;
  }
}

/**
 * Leaves `table` (WCU `wcu`, burst credit `wcu` × 300 units) owing about DEBT_KB units: puts of
 * shrinking size spend the credit without overshooting (the refill only adds to what is left),
 * 1 KB puts the rest until DynamoDB throttles (bucket at most 1 unit under 0); as soon as it
 * accepts again (bucket barely above 0) one DEBT_KB put leaves it about DEBT_KB / wcu s in debt.
 */
const DEBT_KB = 3;
async function spendBurst(ctx: Ctx, table: string, wcu: number): Promise<void> {
  const client = rawClient(ctx);
  try {
    let spent = 0;
    for (const kb of [380, 20]) while (spent + kb <= wcu * 300 && (await burn(client, table, kb))) spent += kb;
    let guard = 0;
    while (await burn(client, table, 1)) if (++guard > 500) throw new Error(`${table} never throttled`);
    for (guard = 0; !(await burn(client, table, DEBT_KB)); guard++) {
      if (guard > 500) throw new Error(`${table} never refilled`);
      await pause(10);
    }
  } finally {
    client.destroy();
  }
}

async function keysIn(ctx: Ctx, table: string): Promise<Set<string>> {
  const { Items } = await ctx.dynamodb!.doc.send(new ScanCommand({ TableName: table, ProjectionExpression: 'pk' }));
  return new Set((Items ?? []).map((i) => String(i.pk)).filter((k) => !k.startsWith('burn')));
}

const batchOps = (ctx: Ctx) => ctx.dynamodb!.operations().filter((o) => o.operation === 'BatchWriteItem');

export default defineChecks<typeof import('./solution.ts')>([
  {
    task: 'load',
    name: 'loadItems writes every item to both tables although Events is throttled',
    async run(ctx: Ctx) {
      await spendBurst(ctx, EVENTS, EVENTS_WCU);
      // 20 items: one BatchWriteItem whatever the chunking, so Archive is written and Events comes back unprocessed.
      const ev = events(10, 'e');
      const ar = events(10, 'a');
      try {
        await ctx.learner.loadItems({ [EVENTS]: ev, [ARCHIVE]: ar }, { maxAttempts: 20 });
      } catch (err) {
        ctx.fail(
          `loadItems threw ${(err as Error).name}: ${(err as Error).message.slice(0, 160)}. Events is out of write capacity for about a second; ` +
            'retry ProvisionedThroughputExceededException and UnprocessedItems with growing waits (up to maxAttempts = 20 here) instead of giving up or retrying instantly.',
        );
      }
      const ops = batchOps(ctx);
      const partial = ops.filter((o) => o.status === 200).length;
      for (const [table, want] of [[EVENTS, ev], [ARCHIVE, ar]] as const) {
        const got = await keysIn(ctx, table);
        const missing = want.filter((i) => !got.has(i.pk));
        ctx.assert(
          missing.length === 0,
          `${missing.length} of ${want.length} items never reached ${table} (first missing: ${missing[0]?.pk}). Events was out of write capacity, so DynamoDB wrote the Archive half of each batch and returned the rest in UnprocessedItems — ` +
            `a successful answer with work left undone. Send UnprocessedItems again until it comes back empty. (${ops.length} BatchWriteItem calls seen, ${partial} answered 200.)`,
        );
      }
      const throttled = ops.filter((o) => o.error === 'ProvisionedThroughputExceededException').length;
      ctx.assert(
        ops.length <= 60,
        `loadItems sent ${ops.length} BatchWriteItem calls (${throttled} refused with ProvisionedThroughputExceededException) for 20 items: it retries in a hot loop. ` +
          'Each immediate retry meets the same empty bucket and burns a request; wait backoffDelay(attempt, Math.random()) ms before every retry.',
      );
    },
  },
  {
    task: 'backoff',
    name: 'backoffDelay grows exponentially, is capped, and is jittered',
    async run(ctx: Ctx) {
      const at = async (a: number, r: number) => Number(await ctx.learner.backoffDelay(a, r));
      const d1 = await at(1, 1);
      const d5 = await at(5, 1);
      ctx.assert(d1 > 0 && Number.isFinite(d1), `backoffDelay(1, 1) should be a positive number of ms, got ${d1}.`);
      ctx.assert(d5 >= 8 * d1, `backoffDelay(5, 1) = ${d5} ms is not ≥ 8 × backoffDelay(1, 1) = ${d1} ms: exponential backoff doubles the ceiling each attempt (base × 2^attempt).`);
      const d40 = await at(40, 1);
      ctx.assert(Number.isFinite(d40) && d40 <= 20_000, `backoffDelay(40, 1) = ${d40} ms: cap the ceiling (say 1–20 s), or attempt 40 waits for ages.`);
      const low = await at(4, 0.1);
      const high = await at(4, 0.9);
      ctx.assert(
        low >= 0 && low < high,
        `backoffDelay(4, 0.1) = ${low} and backoffDelay(4, 0.9) = ${high}: the random factor should scale the wait (full jitter: random × ceiling). Without jitter, every client throttled at the same moment retries at the same moment again.`,
      );
    },
  },
  {
    task: 'backoff',
    name: 'loadItems gives up after maxAttempts on a table that stays throttled, and says so',
    async run(ctx: Ctx) {
      // Frozen has 1 WCU: one ~380 KB put leaves it owing minutes of capacity.
      const raw = rawClient(ctx);
      await burn(raw, FROZEN, 380);
      raw.destroy();
      let outcome: unknown;
      let threw = false;
      try {
        outcome = await ctx.learner.loadItems({ [FROZEN]: events(3, 'f') }, { maxAttempts: 4 });
      } catch {
        threw = true;
      }
      const ops = batchOps(ctx).filter((o) => JSON.stringify(o.request).includes(FROZEN));
      ctx.assert(
        threw,
        `loadItems returned ${JSON.stringify(outcome)} although Frozen (1 WCU, in debt for minutes) refused every write: the items were not written. After maxAttempts attempts, throw — a loader that returns quietly loses data.`,
      );
      ctx.assert(
        ops.length === 4,
        `With maxAttempts: 4 loadItems sent ${ops.length} BatchWriteItem calls for Frozen, expected exactly 4. ` +
          (ops.length > 4 ? 'Is the SDK retrying too? Create the client with maxAttempts: 1 so your loop owns the retries, and stop at maxAttempts.' : 'Retry throttling errors (ProvisionedThroughputExceededException, ThrottlingException) until maxAttempts.'),
      );
    },
  },
  {
    task: 'consumed',
    name: 'loadItems reports the write capacity DynamoDB says it consumed',
    async run(ctx: Ctx) {
      const report = await ctx.learner.loadItems({ [ARCHIVE]: events(60, 'c') }, { maxAttempts: 5 });
      const ops = batchOps(ctx);
      ctx.assert(
        ops.every((o) => o.request.ReturnConsumedCapacity === 'TOTAL' || o.request.ReturnConsumedCapacity === 'INDEXES'),
        "Every BatchWriteItem should ask for ReturnConsumedCapacity: 'TOTAL' — DynamoDB reports what a call cost only when asked.",
      );
      ctx.assert(report?.requests === ops.length, `report.requests is ${report?.requests}, but loadItems sent ${ops.length} BatchWriteItem calls (retries count).`);
      // 60 new items under 1 KB, 25 per call at most: 1 WCU apiece.
      ctx.assert(
        report.consumedWriteUnits === 60,
        `report.consumedWriteUnits is ${report.consumedWriteUnits}, expected 60 (60 items under 1 KB, 1 WCU each). Add up ConsumedCapacity[].CapacityUnits of every answer — one entry per table.`,
      );
    },
  },
  {
    task: 'units',
    name: 'capacityUnits matches what DynamoDB charges, for several sizes and consistency modes',
    async run(ctx: Ctx) {
      const { client } = ctx.dynamodb!;
      for (const bytes of [700, 1024, 1025, 4096, 4097, 9000]) {
        // Item size = attribute names + values: "pk" + "s1" + "blob" + n characters.
        const pk = `s${bytes}`;
        const blob = 'x'.repeat(bytes - 2 - pk.length - 4);
        const put = await client.send(new PutItemCommand({ TableName: ARCHIVE, Item: { pk: { S: pk }, blob: { S: blob } }, ReturnConsumedCapacity: 'TOTAL' }));
        const key = { pk: { S: pk } };
        const ev = await client.send(new GetItemCommand({ TableName: ARCHIVE, Key: key, ReturnConsumedCapacity: 'TOTAL' }));
        const st = await client.send(new GetItemCommand({ TableName: ARCHIVE, Key: key, ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' }));
        const tx = await client.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: ARCHIVE, Key: key } }], ReturnConsumedCapacity: 'TOTAL' }));
        const tw = await client.send(
          new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: ARCHIVE, Item: { pk: { S: `t${pk.slice(1)}` }, blob: { S: blob } } } }], ReturnConsumedCapacity: 'TOTAL' }),
        );
        const cases: Array<[string, 'read' | 'write', 'eventual' | 'strong' | 'transactional', number | undefined]> = [
          ['PutItem', 'write', 'eventual', put.ConsumedCapacity?.CapacityUnits],
          ['TransactWriteItems Put', 'write', 'transactional', tw.ConsumedCapacity?.[0]?.CapacityUnits],
          ['eventually consistent GetItem', 'read', 'eventual', ev.ConsumedCapacity?.CapacityUnits],
          ['strongly consistent GetItem', 'read', 'strong', st.ConsumedCapacity?.CapacityUnits],
          ['TransactGetItems Get', 'read', 'transactional', tx.ConsumedCapacity?.[0]?.CapacityUnits],
        ];
        for (const [what, op, mode, charged] of cases) {
          const got = await ctx.learner.capacityUnits(op, bytes, mode);
          ctx.assert(
            got === charged,
            `capacityUnits('${op}', ${bytes}, '${mode}') = ${got}, but DynamoDB charged ${charged} for a ${what} of a ${bytes}-byte item. ` +
              'Reads round up to 4 KB units (writes to 1 KB); a strongly consistent read costs 1 RCU per unit, an eventual one 0.5, a transactional one 2; a transactional write 2 WCU per 1 KB.',
          );
        }
      }
    },
  },
]);
