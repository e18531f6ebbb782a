// Hidden checks for dynamodb-txn-change-email. State is read with the engine's own client;
// ctx.dynamodb.operations() shows how the learner's code wrote: one TransactWriteItems, and
// whether the user's action carries the version condition (a version compared in JavaScript
// alone leaves a window between the read and the write).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { defineChecks, type CheckContext, type DynamoOperation } from '../../engine/contracts/checks.ts';
import { TABLE, USERS } from './fixture.ts';

type Ctx = CheckContext<typeof import('./solution.ts')>;
type Action = Record<string, { Key?: Record<string, unknown>; Item?: Record<string, unknown>; ConditionExpression?: string; ExpressionAttributeValues?: Record<string, unknown> }>;

const PLAIN_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);
const show = (v: unknown) => JSON.stringify(v) ?? String(v);
const fixtureUser = (id: string) => USERS.find((u) => u.userId === id)!;

async function item(ctx: Ctx, pk: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await ctx.dynamodb!.doc.send(new GetCommand({ TableName: TABLE, Key: { PK: pk }, ConsistentRead: true }));
  return Item;
}

/** The learner's TransactWriteItems requests; fails on any plain write. */
function transactions(ctx: Ctx): DynamoOperation[] {
  const ops = ctx.dynamodb!.operations();
  const plain = ops.filter((o) => PLAIN_WRITES.has(o.operation));
  if (plain.length > 0)
    ctx.fail(
      `changeEmail sent ${plain.map((o) => o.operation).join(' + ')}: separate writes can half-succeed (the new address reserved, the user never updated, or the old address never released). ` +
        'Put the marker Delete, the marker Put and the user Update into one TransactWriteCommand.',
    );
  return ops.filter((o) => o.operation === 'TransactWriteItems');
}

/** The action of a TransactWriteItems request that targets `pk` (wire format: { S: … } keys). */
function actionOn(op: DynamoOperation, pk: string): { kind: string; body: NonNullable<Action[string]> } | undefined {
  for (const a of (op.request.TransactItems ?? []) as Action[]) {
    const [kind, body] = Object.entries(a)[0]!;
    const key = (body.Key ?? body.Item) as Record<string, { S?: string }> | undefined;
    if (key?.PK?.S === pk) return { kind, body };
  }
  return undefined;
}

/** Fails unless the user and both markers are exactly as in `want`. */
async function unchanged(ctx: Ctx, userId: string, what: string, alsoAbsent: string[]) {
  const u = fixtureUser(userId);
  const user = await item(ctx, `USER#${userId}`);
  ctx.assert(user?.email === u.email && user?.version === u.version, `${what} changed USER#${userId}: it is now ${show(user)}, was email ${u.email}, version ${u.version}.`);
  const marker = await item(ctx, `EMAIL#${u.email}`);
  ctx.assert(marker?.userId === userId, `${what} released ${u.email} (EMAIL#${u.email} is now ${show(marker)}): a refused change must change nothing.`);
  for (const pk of alsoAbsent) {
    const stray = await item(ctx, pk);
    ctx.assert(!stray || stray.userId !== userId, `${what} left ${pk} = ${show(stray)} behind: a refused change must reserve nothing.`);
  }
}

export default defineChecks<typeof import('./solution.ts')>([
  {
    task: 'move',
    name: 'changeEmail releases the old marker, reserves the new one and updates the user, in one TransactWriteItems',
    async run(ctx: Ctx) {
      const u = fixtureUser('u1');
      const next = 'ada@example.net';
      const result = await ctx.learner.changeEmail('u1', next, u.version);
      ctx.assert(result?.ok === true, `changeEmail('u1', '${next}', ${u.version}) should succeed, got ${show(result)}.`);
      const txs = transactions(ctx);
      ctx.assert(txs.length > 0, 'changeEmail sent no TransactWriteItems request.');
      const user = await item(ctx, 'USER#u1');
      ctx.assert(user?.email === next && user?.version === u.version + 1, `USER#u1 should now have email ${next} and version ${u.version + 1}, it is ${show(user)}.`);
      ctx.assert(result.ok && result.version === u.version + 1, `changeEmail should return the new version ${u.version + 1}, got ${show(result)}.`);
      const fresh = await item(ctx, `EMAIL#${next}`);
      ctx.assert(fresh?.userId === 'u1', `EMAIL#${next} should exist with userId u1 (the reservation), it is ${show(fresh)}.`);
      const old = await item(ctx, `EMAIL#${u.email}`);
      ctx.assert(
        !old,
        `The old marker EMAIL#${u.email} is still there (${show(old)}): ${u.email} stays reserved forever and nobody can ever sign up with it again. Delete it in the same transaction.`,
      );
    },
  },
  {
    task: 'taken',
    name: "changeEmail refuses an address another user holds and changes nothing",
    async run(ctx: Ctx) {
      const u = fixtureUser('u3');
      const holder = fixtureUser('u2');
      const result = await ctx.learner.changeEmail('u3', holder.email, u.version);
      const marker = await item(ctx, `EMAIL#${holder.email}`);
      ctx.assert(
        marker?.userId === holder.userId,
        `changeEmail('u3', '${holder.email}') took ${holder.email} away from ${holder.userId}: EMAIL#${holder.email} now says ${show(marker)}. ` +
          "A Put replaces silently; the new marker needs ConditionExpression: 'attribute_not_exists(PK)'.",
      );
      await unchanged(ctx, 'u3', `changeEmail('u3', '${holder.email}')`, []);
      ctx.assert(
        result?.ok === false && result.reason === 'email-taken',
        `changeEmail to a taken address should return { ok: false, reason: 'email-taken' }, got ${show(result)}. Read the reason of the marker Put in CancellationReasons (one per action, in your order).`,
      );
    },
  },
  {
    task: 'stale',
    name: 'changeEmail refuses a stale version inside the transaction, and an unknown user',
    async run(ctx: Ctx) {
      const u = fixtureUser('u4');
      const stale = await ctx.learner.changeEmail('u4', 'ken@example.net', u.version - 1);
      await unchanged(ctx, 'u4', `changeEmail('u4', 'ken@example.net', ${u.version - 1}) with a stale version`, ['EMAIL#ken@example.net']);
      ctx.assert(stale?.ok === false && stale.reason === 'stale-version', `A stale expectedVersion (${u.version - 1}, the user is at ${u.version}) should return { ok: false, reason: 'stale-version' }, got ${show(stale)}.`);
      const ghost = await ctx.learner.changeEmail('u9', 'nobody@example.net', 1);
      ctx.assert(!(await item(ctx, 'USER#u9')), 'changeEmail for the unknown user u9 created USER#u9.');
      ctx.assert(ghost?.ok === false && ghost.reason === 'no-such-user', `changeEmail for a user that does not exist should return { ok: false, reason: 'no-such-user' }, got ${show(ghost)}.`);
      const ok = await ctx.learner.changeEmail('u4', 'ken@example.net', u.version);
      ctx.assert(ok?.ok === true, `changeEmail('u4', 'ken@example.net', ${u.version}) with the current version should succeed, got ${show(ok)}.`);
      // The last transaction is the successful change: it must carry the version condition.
      const tx = transactions(ctx).at(-1);
      const userAction = tx && actionOn(tx, 'USER#u4');
      const values = Object.values(userAction?.body.ExpressionAttributeValues ?? {}) as { N?: string }[];
      ctx.assert(
        !!userAction?.body.ConditionExpression && values.some((v) => v.N === String(u.version)),
        `The transaction's ${userAction?.kind ?? 'action'} on USER#u4 has ${userAction?.body.ConditionExpression ? `the condition "${userAction.body.ConditionExpression}" but not the version ${u.version} among its values` : 'no ConditionExpression'}. ` +
          'Comparing versions in JavaScript after a read leaves a window: ' +
          "another change can land between your GetItem and your transaction, and you overwrite it. Put ConditionExpression: 'version = :v' on the user's Update.",
      );
    },
  },
  {
    task: 'cost',
    name: 'changeEmail reports the write units DynamoDB consumed',
    async run(ctx: Ctx) {
      const u = fixtureUser('u5');
      const result = await ctx.learner.changeEmail('u5', 'barbara@example.net', u.version);
      ctx.assert(result?.ok === true, `changeEmail('u5', 'barbara@example.net', ${u.version}) should succeed, got ${show(result)}.`);
      const tx = transactions(ctx).at(-1);
      ctx.assert(tx?.request.ReturnConsumedCapacity === 'TOTAL' || tx?.request.ReturnConsumedCapacity === 'INDEXES', "changeEmail's TransactWriteItems should ask for ReturnConsumedCapacity: 'TOTAL': DynamoDB reports the cost only when asked.");
      // Every item in this table is far below 1 KB: one unit per item, doubled by prepare + commit.
      const actions = ((tx!.request.TransactItems ?? []) as unknown[]).length;
      const expected = 2 * actions;
      if (result.ok && result.writeUnits === actions)
        ctx.fail(`changeEmail reported ${result.writeUnits} write units, one per item. A transactional write costs two per KB per item (prepare + commit): DynamoDB counted ${expected}. Sum ConsumedCapacity[].CapacityUnits instead of computing it.`);
      ctx.assert(result.ok && result.writeUnits === expected, `changeEmail reported ${result.ok ? result.writeUnits : '—'} write units; the ${actions}-action transaction consumed ${expected} (ConsumedCapacity[].CapacityUnits, summed).`);
    },
  },
]);
