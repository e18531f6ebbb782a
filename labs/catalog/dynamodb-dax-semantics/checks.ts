// Hidden checks for dynamodb-dax-semantics. Every check empties the learner's caches, pins their
// clock (setClock) and counts the requests the learner's code really sent to DynamoDB with
// ctx.dynamodb.operations(): a cache hit sends none. Nothing here waits on wall-clock time.
// DAX semantics: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.consistency.html
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import { TABLE } from './fixture.ts';

type Ctx = CheckContext<typeof import('./solution.ts')>;

const show = (v: unknown) => JSON.stringify(v) ?? String(v);
const T0 = Date.UTC(2026, 0, 1);
const MIN = 60 * 1000;
const MUG = { category: 'mugs', sku: 'MUG-1' };
const mugsQuery = () => ({ KeyConditionExpression: 'category = :c', ExpressionAttributeValues: { ':c': 'mugs' } });
const pensQuery = () => ({ KeyConditionExpression: 'category = :c', ExpressionAttributeValues: { ':c': 'pens' } });

async function fresh(ctx: Ctx): Promise<void> {
  await ctx.learner.resetCache();
  await ctx.learner.setClock(T0);
}
const count = (ctx: Ctx, op: string, since = 0) => ctx.dynamodb!.operations().slice(since).filter((o) => o.operation === op).length;
const mark = (ctx: Ctx) => ctx.dynamodb!.operations().length;

export default defineChecks<typeof import('./solution.ts')>([
  {
    task: 'item-cache',
    name: 'getItem reads through the item cache, misses included',
    async run(ctx: Ctx) {
      await fresh(ctx);
      const a = await ctx.learner.getItem(MUG);
      ctx.assert(a?.name === 'Mug' && a.price === 1250, `getItem(${show(MUG)}) should return the stored mug, got ${show(a)}.`);
      ctx.assert(count(ctx, 'GetItem') === 1, `The first getItem should miss the cache and send exactly one GetItem to DynamoDB; it sent ${count(ctx, 'GetItem')}.`);
      const b = await ctx.learner.getItem(MUG);
      ctx.assert(show(b) === show(a), `The second getItem returned ${show(b)}, the first ${show(a)}.`);
      ctx.assert(
        count(ctx, 'GetItem') === 1,
        `The second getItem of the same key sent another GetItem (${count(ctx, 'GetItem')} in all). A fresh item-cache entry must answer it: that is the whole point of DAX. Store the result keyed by table + primary key.`,
      );
      const missing = { category: 'mugs', sku: 'NOPE' };
      const m1 = await ctx.learner.getItem(missing);
      const m2 = await ctx.learner.getItem(missing);
      ctx.assert(m1 === undefined && m2 === undefined, `getItem of a key that does not exist should return undefined, got ${show(m1)} and ${show(m2)}.`);
      ctx.assert(
        count(ctx, 'GetItem') === 2,
        `Reading a missing key twice sent ${count(ctx, 'GetItem') - 1} GetItem requests, expected 1. DAX caches misses too (negative caching): store "not found" as an entry, and tell it apart from "not in the cache".`,
      );
    },
  },
  {
    task: 'query-cache',
    name: 'query is cached per whole request, not per table',
    async run(ctx: Ctx) {
      await fresh(ctx);
      const mugs = await ctx.learner.query(mugsQuery());
      ctx.assert(mugs.length === 2 && mugs.every((i) => i.category === 'mugs'), `query for category 'mugs' should return the 2 mugs, got ${show(mugs)}.`);
      const again = await ctx.learner.query(mugsQuery());
      ctx.assert(show(again) === show(mugs), `The repeated query returned ${show(again)}, the first ${show(mugs)}.`);
      ctx.assert(count(ctx, 'Query') === 1, `The same query twice sent ${count(ctx, 'Query')} Query requests, expected 1: the second must come from the query cache.`);
      const pens = await ctx.learner.query(pensQuery());
      ctx.assert(
        pens.length === 1 && pens[0]?.sku === 'PEN-1',
        `query for category 'pens' returned ${show(pens)}, expected the one pen. A query-cache key must be the whole request (key condition, values, index, filters, limit…): keyed by table alone, every query of the table gets the first one's answer.`,
      );
      ctx.assert(count(ctx, 'Query') === 2, `A different query should miss the cache and reach DynamoDB once: ${count(ctx, 'Query')} Query requests in all, expected 2.`);
      const reordered = await ctx.learner.query({ ExpressionAttributeValues: { ':c': 'mugs' }, KeyConditionExpression: 'category = :c' });
      ctx.assert(show(reordered) === show(mugs), `The mugs query with its parameters in another order returned ${show(reordered)}.`);
      ctx.assert(
        count(ctx, 'Query') === 2,
        'The mugs query written with its parameters in another order sent a new Query. It is the same request: build the key canonically (e.g. JSON with the object keys sorted).',
      );
    },
  },
  {
    task: 'write-through',
    name: 'putItem writes through to DynamoDB and the item cache, and leaves the query cache stale',
    async run(ctx: Ctx) {
      await fresh(ctx);
      await ctx.learner.getItem(MUG);
      const before = await ctx.learner.query(mugsQuery());
      const since = mark(ctx);
      const updated = { ...MUG, name: 'Mug', price: 1999 };
      await ctx.learner.putItem(updated);
      ctx.assert(count(ctx, 'PutItem', since) === 1, `putItem should send one PutItem to DynamoDB, it sent ${count(ctx, 'PutItem', since)}. DAX writes to DynamoDB first and only then to its cache.`);
      const afterPut = mark(ctx);
      const got = await ctx.learner.getItem(MUG);
      ctx.assert(
        got?.price === 1999,
        `After putItem(price 1999), getItem returned ${show(got)}: a stale item from the cache. DAX is write-through: a successful write also replaces the item-cache entry, so your own reads see your own writes.`,
      );
      ctx.assert(count(ctx, 'GetItem', afterPut) === 0, 'getItem right after putItem went to DynamoDB: the write should have put the new item in the item cache, so this read is a hit.');
      const after = await ctx.learner.query(mugsQuery());
      ctx.assert(count(ctx, 'Query', afterPut) === 0, 'The mugs query after putItem reached DynamoDB, but DAX does not invalidate the query cache on writes: a cached result is served until its TTL expires.');
      ctx.assert(
        show(after) === show(before),
        `The mugs query after putItem returned ${show(after)}, not the cached ${show(before)}. Real DAX leaves the query cache alone on writes; that staleness is the behaviour this lab reproduces (and the one the chapter warns about).`,
      );
    },
  },
  {
    task: 'ttl',
    name: 'entries expire after their TTL (5 minutes)',
    async run(ctx: Ctx) {
      await fresh(ctx);
      await ctx.learner.getItem(MUG);
      await ctx.learner.query(mugsQuery());
      await ctx.learner.setClock(T0 + 4 * MIN);
      await ctx.learner.getItem(MUG);
      await ctx.learner.query(mugsQuery());
      ctx.assert(count(ctx, 'GetItem') === 1 && count(ctx, 'Query') === 1, 'Four minutes later the entries are still fresh (TTL 5 minutes), but a read went to DynamoDB. Compare the entry\'s expiry with the clock setClock pinned.');
      await ctx.dynamodb!.doc.send(new PutCommand({ TableName: TABLE, Item: { ...MUG, name: 'Mug', price: 2222 } }));
      await ctx.learner.setClock(T0 + 5 * MIN + 1);
      const got = await ctx.learner.getItem(MUG);
      const mugs = await ctx.learner.query(mugsQuery());
      ctx.assert(
        count(ctx, 'GetItem') === 2 && got?.price === 2222,
        `Past the 5-minute item TTL, getItem should reach DynamoDB again and see price 2222 (written behind the cache's back); it returned ${show(got)} after ${count(ctx, 'GetItem')} GetItem requests. Without a TTL a cache serves a changed item forever.`,
      );
      ctx.assert(
        count(ctx, 'Query') === 2 && mugs.some((i) => i.price === 2222),
        `Past the 5-minute query TTL, the query should reach DynamoDB again; it returned ${show(mugs)} after ${count(ctx, 'Query')} Query requests. The query cache has its own TTL: it is the only thing that ever refreshes a cached result.`,
      );
    },
  },
  {
    task: 'consistent',
    name: 'strongly consistent reads always reach DynamoDB and are not cached',
    async run(ctx: Ctx) {
      await fresh(ctx);
      await ctx.learner.getItem(MUG, true);
      await ctx.learner.getItem(MUG, true);
      const consistent = ctx.dynamodb!.operations().filter((o) => o.operation === 'GetItem' && o.request.ConsistentRead === true).length;
      ctx.assert(
        consistent === 2,
        `Two getItem(key, true) calls sent ${consistent} GetItem requests with ConsistentRead: true, expected 2. DAX cannot serve a strongly consistent read: it passes it to DynamoDB every time (and must send ConsistentRead on).`,
      );
      const since = mark(ctx);
      await ctx.learner.getItem(MUG);
      ctx.assert(count(ctx, 'GetItem', since) === 1, 'An eventually consistent getItem after two strongly consistent ones was answered from the cache: DAX does not cache the results of strongly consistent reads.');
      const q = mark(ctx);
      await ctx.learner.query({ ...mugsQuery(), ConsistentRead: true });
      await ctx.learner.query({ ...mugsQuery(), ConsistentRead: true });
      ctx.assert(count(ctx, 'Query', q) === 2, `Two strongly consistent queries sent ${count(ctx, 'Query', q)} Query requests, expected 2: ConsistentRead queries pass through too.`);
    },
  },
]);
