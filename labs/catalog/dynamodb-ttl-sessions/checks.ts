// Hidden checks for dynamodb-ttl-sessions. State is read with the engine's own client. The
// embedded emulator's TTL sweeper deletes an item about 2 s after its expiry (dynamodb/src/ttl,
// delayMs 2000, a pass every second); the checks never sleep a fixed time: they wait for the
// condition (the item gone) or retry with a fresh item when the sweeper won a race.
import { DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import { LEGACY_ID, TABLE, TIMED_OUT_ID, TTL_ATTRIBUTE } from './fixture.ts';

type Ctx = CheckContext<typeof import('./solution.ts')>;

const show = (v: unknown) => JSON.stringify(v) ?? String(v);
const nowSeconds = () => Math.floor(Date.now() / 1000);
/** Slack for the seconds that pass between the learner's write and the check's read. */
const SLACK_S = 30;

async function item(ctx: Ctx, sessionId: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await ctx.dynamodb!.doc.send(new GetCommand({ TableName: TABLE, Key: { sessionId }, ConsistentRead: true }));
  return Item;
}

/**
 * Waits until `sessionId` is gone (the sweeper passes every second). The bound only turns a
 * sweeper that never comes into a message instead of the lab's time limit.
 */
async function waitUntilGone(ctx: Ctx, sessionId: string, boundMs = 12_000): Promise<boolean> {
  const end = Date.now() + boundMs;
  while (Date.now() < end) {
    if (!(await item(ctx, sessionId))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Teaches from the stored type and size of expiresAt. */
function explainExpiry(where: string, value: unknown, want: number): string {
  if (value === undefined) return `${where} has no ${TTL_ATTRIBUTE} attribute: TTL skips items without it, so this session would live forever.`;
  if (typeof value === 'string')
    return `${where} stores ${TTL_ATTRIBUTE} as the string ${show(value)}. TTL only reads a Number; items whose TTL attribute is a String are ignored and never expire. Store Math.floor(Date.now() / 1000) + ttlSeconds.`;
  if (typeof value !== 'number') return `${where} stores ${TTL_ATTRIBUTE} as ${show(value)} (${typeof value}); TTL needs a Number of epoch seconds.`;
  if (value > want * 100)
    return `${where} has ${TTL_ATTRIBUTE} = ${value}, about ${want} was expected. That is milliseconds (Date.now()): read as seconds it is tens of thousands of years away, so TTL never deletes the session. Divide by 1000.`;
  return `${where} has ${TTL_ATTRIBUTE} = ${value}, expected about ${want} (now in epoch seconds + the session's lifetime).`;
}

export default defineChecks<typeof import('./solution.ts')>([
  {
    task: 'enable',
    name: 'enableTtl turns TTL on for expiresAt and can run twice',
    async run(ctx: Ctx) {
      await ctx.learner.enableTtl();
      const { TimeToLiveDescription: d } = await ctx.dynamodb!.client.send(new DescribeTimeToLiveCommand({ TableName: TABLE }));
      ctx.assert(
        d?.TimeToLiveStatus === 'ENABLED' || d?.TimeToLiveStatus === 'ENABLING',
        `After enableTtl(), DescribeTimeToLive says ${show(d)}: TTL is still off, so no session is ever deleted. Send UpdateTimeToLiveCommand with TimeToLiveSpecification { AttributeName: '${TTL_ATTRIBUTE}', Enabled: true }.`,
      );
      ctx.assert(d.AttributeName === TTL_ATTRIBUTE, `TTL is enabled on "${d.AttributeName}", but sessions keep their expiry in "${TTL_ATTRIBUTE}". A table has one TTL attribute.`);
      try {
        await ctx.learner.enableTtl();
      } catch (e) {
        ctx.fail(
          `enableTtl() threw on its second call (${e instanceof Error ? `${e.name}: ${e.message}` : show(e)}). Enabling TTL that is already enabled is a ValidationException, and deploy scripts run again and again: check DescribeTimeToLive first.`,
        );
      }
    },
  },
  {
    task: 'write',
    name: 'createSession stores expiresAt as a Number of epoch seconds',
    async run(ctx: Ctx) {
      const lifetime = 3600;
      const want = nowSeconds() + lifetime;
      const s = await ctx.learner.createSession('u1', lifetime);
      ctx.assert(typeof s?.sessionId === 'string' && s.sessionId.length > 0, `createSession('u1', ${lifetime}) should return the session with its sessionId, got ${show(s)}.`);
      const stored = await item(ctx, s.sessionId);
      ctx.assert(stored, `createSession returned sessionId ${show(s.sessionId)} but the table has no such item.`);
      ctx.assert(stored.userId === 'u1', `The stored session should have userId "u1", it is ${show(stored)}.`);
      const value = stored[TTL_ATTRIBUTE];
      ctx.assert(typeof value === 'number' && Math.abs(value - want) <= SLACK_S, explainExpiry(`The stored session ${s.sessionId}`, value, want));
      ctx.assert(s.expiresAt === value, `createSession returned expiresAt ${show(s.expiresAt)} but stored ${value}.`);
    },
  },
  {
    task: 'read',
    name: 'getSession returns a live session and hides expired ones the sweeper has not deleted',
    async run(ctx: Ctx) {
      const live = { sessionId: 'live-1', userId: 'u2', expiresAt: nowSeconds() + 3600 };
      await ctx.dynamodb!.doc.send(new PutCommand({ TableName: TABLE, Item: live }));
      const got = await ctx.learner.getSession(live.sessionId);
      ctx.assert(got?.sessionId === live.sessionId && got.expiresAt === live.expiresAt, `getSession('live-1') should return the live session ${show(live)}, got ${show(got)}.`);
      ctx.assert((await ctx.learner.getSession('no-such-session')) === undefined, "getSession('no-such-session') should return undefined.");
      // The legacy item expired six years ago: TTL ignores values more than five years old, so it
      // is never swept. Deterministic proof that reads must filter.
      const legacy = await ctx.learner.getSession(LEGACY_ID);
      ctx.assert(
        legacy === undefined,
        `getSession('${LEGACY_ID}') returned ${show(legacy)}, whose expiresAt is six years in the past. TTL deletes late (on AWS typically within a few days) and never deletes values more than five years old: until the item is gone, GetItem returns it. Compare expiresAt with the current epoch seconds.`,
      );
      // A session that expired a second ago and is still stored (the sweeper has not run yet).
      // If the sweeper deletes it before the learner's read, nothing was shown: try a fresh one.
      for (let attempt = 1; attempt <= 5; attempt++) {
        const id = `just-expired-${attempt}`;
        await ctx.dynamodb!.doc.send(new PutCommand({ TableName: TABLE, Item: { sessionId: id, userId: 'u3', expiresAt: nowSeconds() - 1 } }));
        const seen = await ctx.learner.getSession(id);
        if (!(await item(ctx, id))) continue;
        ctx.assert(seen === undefined, `getSession('${id}') returned ${show(seen)}: it expired a second ago and TTL has not deleted it yet, but it is expired. Treat expiresAt <= now as absent.`);
        return;
      }
    },
  },
  {
    task: 'extend',
    name: 'extendSession pushes a live session forward and leaves an expired one dead',
    async run(ctx: Ctx) {
      const s = await ctx.learner.createSession('u4', 60);
      const want = nowSeconds() + 7200;
      const extended = await ctx.learner.extendSession(s.sessionId, 7200);
      const stored = await item(ctx, s.sessionId);
      ctx.assert(stored, `extendSession('${s.sessionId}', 7200) removed the session.`);
      ctx.assert(stored.userId === 'u4', `extendSession replaced the session: it is now ${show(stored)}, userId u4 is gone. SET only expiresAt with UpdateCommand.`);
      ctx.assert(typeof stored[TTL_ATTRIBUTE] === 'number' && Math.abs((stored[TTL_ATTRIBUTE] as number) - want) <= SLACK_S, explainExpiry(`After extendSession(…, 7200) the session`, stored[TTL_ATTRIBUTE], want));
      ctx.assert(extended?.expiresAt === stored[TTL_ATTRIBUTE], `extendSession should return the session with its new expiresAt ${show(stored[TTL_ATTRIBUTE])}, got ${show(extended)}.`);
      const before = await item(ctx, LEGACY_ID);
      const revived = await ctx.learner.extendSession(LEGACY_ID, 7200);
      const after = await item(ctx, LEGACY_ID);
      ctx.assert(
        after?.[TTL_ATTRIBUTE] === before?.[TTL_ATTRIBUTE],
        `extendSession('${LEGACY_ID}') brought an expired session back to life (expiresAt ${show(before?.[TTL_ATTRIBUTE])} → ${show(after?.[TTL_ATTRIBUTE])}). A logged-out or timed-out user must log in again: put "expiresAt > :now" in the ConditionExpression so checking and extending are one step.`,
      );
      ctx.assert(revived === undefined, `extendSession on an expired session should return undefined, got ${show(revived)}.`);
      ctx.assert((await ctx.learner.extendSession('no-such-session', 60)) === undefined && !(await item(ctx, 'no-such-session')), "extendSession('no-such-session') should return undefined and create nothing (attribute_exists(sessionId)).");
    },
  },
  {
    task: 'stream',
    name: 'ttlDeletions lists the sessions the sweeper removed, not the ones code deleted',
    async run(ctx: Ctx) {
      const { doc } = ctx.dynamodb!;
      await doc.send(new PutCommand({ TableName: TABLE, Item: { sessionId: 'logged-out', userId: 'u5', expiresAt: nowSeconds() + 3600 } }));
      await doc.send(new DeleteCommand({ TableName: TABLE, Key: { sessionId: 'logged-out' } }));
      const { TimeToLiveDescription: d } = await ctx.dynamodb!.client.send(new DescribeTimeToLiveCommand({ TableName: TABLE }));
      ctx.assert(d?.TimeToLiveStatus === 'ENABLED', `TTL is ${d?.TimeToLiveStatus ?? 'off'} on ${TABLE}, so the sweeper deletes nothing and there is nothing to find in the stream. Finish task 1 first.`);
      // TIMED_OUT_ID expired a second before the fixture ran; once TTL is on it is swept.
      const swept = await waitUntilGone(ctx, TIMED_OUT_ID);
      ctx.assert(swept, `TTL is on, yet the expired session "${TIMED_OUT_ID}" was not swept within 12 s: ${show(await item(ctx, TIMED_OUT_ID))}. Did your code rewrite it?`);
      const ids = await ctx.learner.ttlDeletions();
      ctx.assert(Array.isArray(ids), `ttlDeletions() should return an array of sessionIds, got ${show(ids)}.`);
      ctx.assert(ids.includes(TIMED_OUT_ID), `The sweeper deleted "${TIMED_OUT_ID}" (its REMOVE record carries userIdentity { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' }), but ttlDeletions() returned ${show(ids)}. Read every shard from TRIM_HORIZON.`);
      ctx.assert(
        !ids.includes('logged-out'),
        `ttlDeletions() returned "logged-out", which a DeleteItem removed (a logout), not TTL: ${show(ids)}. Both are REMOVE records; only TTL's carry userIdentity.PrincipalId "dynamodb.amazonaws.com".`,
      );
      ctx.assert(!ids.includes('live-1') && !ids.includes(LEGACY_ID), `ttlDeletions() lists sessions nothing deleted: ${show(ids)}. Keep only REMOVE records.`);
    },
  },
]);
