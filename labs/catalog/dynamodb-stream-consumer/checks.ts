// Hidden checks for dynamodb-stream-consumer. The truth is the table itself: each customer's
// total is the sum of `amount` over their current orders (a Scan with the engine's client). The
// checks change orders between calls with the engine's client, so the stream gets MODIFY and
// REMOVE records. The checks judge by outcome only: the embedded emulator does not record Streams
// requests in ctx.dynamodb.operations() (only DynamoDB_20120810 ones), so which iterator type the
// learner asked for is inferred from what it counted.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetShardIterator.html
import { DeleteCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import { ORDER_COUNT, TABLE } from './fixture.ts';

type Ctx = CheckContext<typeof import('./solution.ts')>;
type Totals = Record<string, number>;

const show = (v: unknown) => JSON.stringify(v) ?? String(v);

/** Totals without customers at zero: a consumer may keep them at 0 or drop them. */
function nonZero(t: Totals | undefined): Totals {
  return Object.fromEntries(Object.entries(t ?? {}).filter(([, v]) => v !== 0).sort(([a], [b]) => a.localeCompare(b)));
}

async function truth(ctx: Ctx): Promise<Totals> {
  const totals: Totals = {};
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ctx.dynamodb!.doc.send(new ScanCommand({ TableName: TABLE, ConsistentRead: true, ExclusiveStartKey: start }));
    for (const o of page.Items ?? []) totals[o.customerId] = (totals[o.customerId] ?? 0) + Number(o.amount);
    start = page.LastEvaluatedKey;
  } while (start);
  return nonZero(totals);
}

/** Where got and want differ, as "c01: got 10, want 20" lines (at most five). */
function diff(got: Totals, want: Totals): string {
  const ids = [...new Set([...Object.keys(got), ...Object.keys(want)])].sort();
  const lines = ids.filter((id) => got[id] !== want[id]).map((id) => `${id}: got ${got[id] ?? 0}, want ${want[id] ?? 0}`);
  return lines.slice(0, 5).join('; ') + (lines.length > 5 ? `; … ${lines.length - 5} more` : '');
}

const setAmount = (ctx: Ctx, orderId: string, amount: number) =>
  ctx.dynamodb!.doc.send(
    new UpdateCommand({ TableName: TABLE, Key: { orderId }, UpdateExpression: 'SET amount = :a', ExpressionAttributeValues: { ':a': amount } }),
  );
const setStatus = (ctx: Ctx, orderId: string, status: string) =>
  ctx.dynamodb!.doc.send(
    new UpdateCommand({ TableName: TABLE, Key: { orderId }, UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': status } }),
  );
const remove = (ctx: Ctx, orderId: string) => ctx.dynamodb!.doc.send(new DeleteCommand({ TableName: TABLE, Key: { orderId } }));
const insert = (ctx: Ctx, orderId: string, customerId: string, amount: number) =>
  ctx.dynamodb!.doc.send(new PutCommand({ TableName: TABLE, Item: { orderId, customerId, amount, status: 'placed' } }));

export default defineChecks<typeof import('./solution.ts')>([
  {
    task: 'history',
    name: `consume() from scratch counts all ${ORDER_COUNT} orders already in the stream`,
    async run(ctx: Ctx) {
      const state = await ctx.learner.consume();
      const got = nonZero(state?.totals);
      const want = await truth(ctx);
      const sum = (t: Totals) => Object.values(t).reduce((a, b) => a + b, 0);
      ctx.assert(
        sum(got) !== 0,
        `consume() counted nothing, but ${ORDER_COUNT} orders (${sum(want)} cents) are in the stream. ` +
          'A LATEST iterator starts after the newest record, so the history is never seen: start a shard with no checkpoint at TRIM_HORIZON.',
      );
      ctx.assert(
        sum(got) <= sum(want),
        `consume() counted more than the table holds (${sum(got)} cents against ${sum(want)}): ${diff(got, want)}. Is a record applied twice?`,
      );
      ctx.assert(
        sum(got) === sum(want),
        `consume() saw orders worth ${sum(got)} cents of ${sum(want)}: ${diff(got, want)}. ` +
          'One GetRecords returns at most 1,000 records. Keep calling it with the NextShardIterator of the previous page until a page is empty or there is no NextShardIterator.',
      );
      ctx.assert(show(got) === show(want), `Per-customer totals differ from the table: ${diff(got, want)}.`);
    },
  },
  {
    task: 'modify',
    name: 'a MODIFY subtracts the old amount and adds the new one',
    async run(ctx: Ctx) {
      await setAmount(ctx, 'o0001', 5000);
      await setAmount(ctx, 'o0013', 1);
      await setStatus(ctx, 'o0025', 'shipped');
      const state = await ctx.learner.consume();
      const got = nonZero(state?.totals);
      const want = await truth(ctx);
      ctx.assert(
        show(got) === show(want),
        `After o0001 and o0013 (customer c01) changed amount and o0025 (c01) only its status, the totals are wrong: ${diff(got, want)}. ` +
          'A MODIFY record is not a new order: subtract OldImage.amount (from the old image\'s customer) and add NewImage.amount. A status change then moves nothing.',
      );
    },
  },
  {
    task: 'remove',
    name: 'a REMOVE takes the deleted order off its customer',
    async run(ctx: Ctx) {
      await remove(ctx, 'o0002');
      await remove(ctx, 'o0014');
      const state = await ctx.learner.consume();
      const got = nonZero(state?.totals);
      const want = await truth(ctx);
      ctx.assert(
        show(got) === show(want),
        `After orders o0002 and o0014 (customer c02) were deleted the totals are wrong: ${diff(got, want)}. ` +
          'A REMOVE record has no NewImage; its OldImage holds the order that is gone: subtract its amount.',
      );
    },
  },
  {
    task: 'resume',
    name: 'consume(state) resumes after each shard\'s checkpoint and counts nothing twice',
    async run(ctx: Ctx) {
      await insert(ctx, 'o9001', 'c03', 777);
      const first = await ctx.learner.consume();
      const checkpoint = first?.checkpoint ?? {};
      ctx.assert(
        Object.keys(checkpoint).length > 0 && Object.values(checkpoint).every((s) => typeof s === 'string' && /^\d+$/.test(s)),
        `consume() returned the checkpoint ${show(checkpoint)}: it should map each shard id to the SequenceNumber (a string of digits) of the last record applied from it.`,
      );
      await insert(ctx, 'o9002', 'c04', 1234);
      await setAmount(ctx, 'o0003', 2);
      await remove(ctx, 'o0015');
      // A sentinel customer only the state knows: a consumer that resumes keeps it, one that
      // rebuilds from TRIM_HORIZON with fresh totals loses it.
      const second = await ctx.learner.consume({ totals: { ...(first?.totals ?? {}), c99: 5 }, checkpoint });
      const got = nonZero(second?.totals);
      const want = nonZero({ ...(await truth(ctx)), c99: 5 });
      ctx.assert(
        got.c99 === 5,
        `consume(state) was given totals with c99 at 5 cents and returned ${show(got.c99 ?? 0)} for c99: it must continue from the state's totals and apply only records after the checkpoint, not rebuild from the beginning.`,
      );
      const twiceFirst = (got.c03 ?? 0) - (want.c03 ?? 0) === 777;
      ctx.assert(
        !twiceFirst,
        `c03 is 777 cents too high: the last record before the checkpoint (the INSERT of o9001, 777 cents) was applied again. ` +
          'AT_SEQUENCE_NUMBER starts with the checkpointed record itself; resume with AFTER_SEQUENCE_NUMBER.',
      );
      ctx.assert(
        show(got) === show(want),
        `After resuming, the totals are wrong: ${diff(got, want)}. Start from the totals in the state you were given, resume each checkpointed shard AFTER_SEQUENCE_NUMBER (TRIM_HORIZON re-counts it all, LATEST skips what arrived in between) and apply only the new records (o9002 inserted for c04, o0003 changed for c03, o0015 deleted for c03).`,
      );
    },
  },
]);
