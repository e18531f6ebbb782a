// Hidden checks for dynamodb-ttl-backfill. TTL stays disabled on Events, so nothing is swept
// while the checks run and every expected value is computed from the stored createdAt. The first
// check runs the learner's backfill; the later ones inspect what it left.
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import { ANCIENT, DAY_S, EVENTS_PER_DEVICE, HOLDS, RETENTION_DAYS, TABLE } from './fixture.ts';

type Ctx = CheckContext<typeof import('./solution.ts')>;
type Row = Record<string, unknown> & { deviceId: string; createdAt: string };

const show = (v: unknown) => JSON.stringify(v) ?? String(v);
const expected = (createdAt: string) => Math.floor(Date.parse(createdAt) / 1000) + RETENTION_DAYS * DAY_S;

async function all(ctx: Ctx): Promise<Row[]> {
  const rows: Row[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await ctx.dynamodb!.doc.send(new ScanCommand({ TableName: TABLE, ProjectionExpression: 'deviceId, createdAt, expiresAt, legalHold', ExclusiveStartKey }));
    rows.push(...((page.Items ?? []) as Row[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return rows;
}

const regular = (rows: Row[]) => rows.filter((r) => r.deviceId !== 'd3' && !r.legalHold);

export default defineChecks<typeof import('./solution.ts')>([
  {
    task: 'convert',
    name: 'backfillExpiry writes createdAt + 90 days as a Number of epoch seconds',
    async run(ctx: Ctx) {
      await ctx.learner.backfillExpiry(RETENTION_DAYS);
      const written = regular(await all(ctx)).filter((r) => r.expiresAt !== undefined);
      ctx.assert(written.length > 0, `After backfillExpiry(${RETENTION_DAYS}) no event has an expiresAt: nothing was written.`);
      for (const r of written) {
        const want = expected(r.createdAt);
        if (typeof r.expiresAt === 'string')
          ctx.fail(`Event ${r.deviceId}/${r.createdAt} got expiresAt ${show(r.expiresAt)}, a String. TTL only reads Numbers and ignores this event forever. Store ${want}.`);
        if (typeof r.expiresAt === 'number' && r.expiresAt > want * 100)
          ctx.fail(`Event ${r.deviceId}/${r.createdAt} got expiresAt ${r.expiresAt}; ${want} was expected. That is milliseconds (Date.parse returns ms): read as seconds it is ~57,000 years away. Divide by 1000.`);
        ctx.assert(r.expiresAt === want, `Event ${r.deviceId}/${r.createdAt} got expiresAt ${show(r.expiresAt)}; expected ${want} (createdAt in epoch seconds + ${RETENTION_DAYS} × 86400).`);
      }
    },
  },
  {
    task: 'paginate',
    name: 'every event on every Scan page gets an expiresAt',
    async run(ctx: Ctx) {
      const rows = regular(await all(ctx));
      const missing = rows.filter((r) => r.expiresAt === undefined);
      ctx.assert(
        missing.length === 0,
        `${missing.length} of ${rows.length} events still have no expiresAt (e.g. ${missing[0]?.deviceId}/${missing[0]?.createdAt}). The table holds about 1.2 MB and a Scan returns at most 1 MB per page: keep scanning while LastEvaluatedKey is set, passing it as ExclusiveStartKey.`,
      );
      ctx.assert(rows.length === 2 * EVENTS_PER_DEVICE - HOLDS, `Expected ${2 * EVENTS_PER_DEVICE - HOLDS} regular events to remain, found ${rows.length}: the backfill must not delete events that are still within five years.`);
    },
  },
  {
    task: 'holds',
    name: 'events under a legal hold keep their expiresAt',
    async run(ctx: Ctx) {
      const holds = (await all(ctx)).filter((r) => r.legalHold);
      ctx.assert(holds.length === HOLDS, `Expected ${HOLDS} events with legalHold: true, found ${holds.length}.`);
      const tenYears = Math.floor(Date.now() / 1000) + 9 * 365 * DAY_S;
      for (const h of holds)
        ctx.assert(
          typeof h.expiresAt === 'number' && h.expiresAt > tenYears,
          `The held event ${h.deviceId}/${h.createdAt} had an expiresAt ten years ahead; it is now ${show(h.expiresAt)}. A backfill only fills in what is missing: skip items that have one and add ConditionExpression 'attribute_not_exists(expiresAt)', or a hold (or a newer writer) is overwritten and deleted early.`,
        );
    },
  },
  {
    task: 'ancient',
    name: 'events whose expiry is more than five years past are deleted',
    async run(ctx: Ctx) {
      const { Items } = await ctx.dynamodb!.doc.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'deviceId = :d', ExpressionAttributeValues: { ':d': 'd3' } }));
      const left = (Items ?? []) as Row[];
      ctx.assert(
        left.length === 0,
        `${left.length} of device d3's ${ANCIENT} seven-year-old events are still there (e.g. ${show(left[0] && { createdAt: left[0].createdAt, expiresAt: left[0].expiresAt })}). Their expiry, createdAt + ${RETENTION_DAYS} days, lies more than five years in the past, and TTL ignores such values: they would stay forever. Delete them yourself.`,
      );
    },
  },
  {
    task: 'read',
    name: "recentEvents returns exactly the device's unexpired events",
    async run(ctx: Ctx) {
      const now = Math.floor(Date.now() / 1000);
      const rows = (await all(ctx)).filter((r) => r.deviceId === 'd2');
      const live = new Set(rows.filter((r) => typeof r.expiresAt === 'number' && r.expiresAt > now).map((r) => r.createdAt));
      const got = await ctx.learner.recentEvents('d2');
      ctx.assert(Array.isArray(got), `recentEvents('d2') should return an array, got ${show(got)}.`);
      const expired = got.filter((e) => !live.has(e.createdAt));
      ctx.assert(
        expired.length === 0,
        `recentEvents('d2') returned ${expired.length} expired events (e.g. createdAt ${expired[0]?.createdAt}, expiresAt ${expired[0]?.expiresAt}). They are past their expiry but still stored: TTL deletes in the background, typically within a few days. Add FilterExpression 'expiresAt > :now'.`,
      );
      ctx.assert(got.length === live.size, `recentEvents('d2') returned ${got.length} events; ${live.size} are unexpired.`);
    },
  },
]);
