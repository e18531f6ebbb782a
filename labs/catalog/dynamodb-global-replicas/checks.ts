// Hidden checks for dynamodb-global-replicas (chapter 19.8). The engine's emulator replicates
// after 1 s and keeps a new replica CREATING for 1.5 s (labs/engine/backends/embedded/dynamodb.ts),
// so skipping a wait is caught by state, not by a stopwatch. Every wait here is for a condition:
// a marker item written after the learner's writes arrives in the other region only after them,
// since each region's writes replicate in commit order with the same lag.
import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { defineChecks, type CheckContext } from '../../engine/contracts/checks.ts';
import { HOME, REPLICA, TABLE } from './fixture.ts';
import { docIn } from './regions.ts';

type Ctx = CheckContext<typeof import('./solution.ts')>;

const show = (v: unknown) => JSON.stringify(v) ?? String(v);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function replicaStatus(ctx: Ctx): Promise<string | undefined> {
  const { Table } = await ctx.dynamodb!.client.send(new DescribeTableCommand({ TableName: TABLE }));
  return Table?.Replicas?.find((r) => r.RegionName === REPLICA)?.ReplicaStatus;
}

/** Polls `probe` until it returns true; the engine's time limit bounds the whole check. */
async function until(probe: () => Promise<boolean>): Promise<void> {
  for (let delay = 50; !(await probe()); delay = Math.min(delay * 2, 400)) await sleep(delay);
}

/** Later checks need the replica even when the learner's addReplica did not make it. */
async function ensureReplica(ctx: Ctx): Promise<void> {
  if ((await replicaStatus(ctx)) === undefined)
    await ctx.dynamodb!.client.send(new UpdateTableCommand({ TableName: TABLE, ReplicaUpdates: [{ Create: { RegionName: REPLICA } }] }));
  await until(async () => (await replicaStatus(ctx)) === 'ACTIVE');
}

/** Returns once every write made so far in `from` has reached `to` (same lag, commit order). */
async function drained(from: DynamoDBDocumentClient, to: DynamoDBDocumentClient): Promise<void> {
  const key = { pk: `MARKER#${randomUUID()}`, sk: 'm' };
  await from.send(new PutCommand({ TableName: TABLE, Item: { ...key, version: 1 } }));
  await until(async () => !!(await to.send(new GetCommand({ TableName: TABLE, Key: key }))).Item);
}

export default defineChecks<typeof import('./solution.ts')>([
  {
    task: 'replica',
    name: `addReplica('${REPLICA}') creates the replica and returns once it is ACTIVE`,
    async run(ctx: Ctx) {
      await ctx.learner.addReplica(REPLICA);
      const ops = ctx.dynamodb!.operations().map((o) => o.operation);
      const created = ops.indexOf('UpdateTable');
      ctx.assert(created >= 0, `addReplica sent no UpdateTable: a replica is added with UpdateTable ReplicaUpdates: [{ Create: { RegionName: '${REPLICA}' } }]. Operations seen: ${show(ops)}.`);
      const status = await replicaStatus(ctx);
      ctx.assert(status !== undefined, `After addReplica, DescribeTable in ${HOME} lists no ${REPLICA} among Replicas. Did the UpdateTable name RegionName '${REPLICA}'?`);
      ctx.assert(
        ops.indexOf('DescribeTable', created) > created && status === 'ACTIVE',
        `addReplica returned while the ${REPLICA} replica was ${status}${ops.indexOf('DescribeTable', created) > created ? '' : ' (no DescribeTable after the UpdateTable)'}. ` +
          'UpdateTable answers at once with the replica CREATING; writes made meanwhile are backfilled later and reads there may miss them. Poll DescribeTable until Replicas[].ReplicaStatus is ACTIVE.',
      );
    },
  },
  {
    task: 'replicated-read',
    name: `readWhenReplicated returns in ${REPLICA} the version written in ${HOME}`,
    async run(ctx: Ctx) {
      await ensureReplica(ctx);
      const pk = `NOTE#${randomUUID()}`;
      await ctx.dynamodb!.doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'v', version: 1, text: 'hello from us-east-1' } }));
      const item = await ctx.learner.readWhenReplicated(REPLICA, pk, 'v', 1, 8000).catch((e: Error) => ctx.fail(`readWhenReplicated('${REPLICA}', '${pk}', 'v', 1, 8000) threw "${e.message}", but the item reaches ${REPLICA} under a second after it was written.`));
      ctx.assert(
        item?.version === 1 && item.text === 'hello from us-east-1',
        `readWhenReplicated returned ${show(item)} for an item written in ${HOME} just before the call. Replication is asynchronous: a GetItem in ${REPLICA} right away finds nothing. Keep polling until the item (with version ≥ minVersion) is there.`,
      );
    },
  },
  {
    task: 'bounded',
    name: 'readWhenReplicated backs off between polls and gives up after timeoutMs',
    async run(ctx: Ctx) {
      await ensureReplica(ctx);
      const pk = `NEVER#${randomUUID()}`;
      const outcome = await ctx.learner.readWhenReplicated(REPLICA, pk, 'v', 1, 800).then(
        (item) => ({ threw: false, item }),
        (e: Error) => ({ threw: true, item: e.message }),
      );
      const gets = ctx.dynamodb!.operations().filter((o) => o.operation === 'GetItem').length;
      ctx.assert(outcome.threw, `readWhenReplicated for an item nobody wrote returned ${show(outcome.item)}; after timeoutMs (800) it should throw an Error, so the caller knows replication is late (or the write never happened).`);
      ctx.assert(
        gets >= 2 && gets <= 30,
        gets < 2
          ? `readWhenReplicated gave up after ${gets} GetItem: it should keep polling until timeoutMs has passed.`
          : `readWhenReplicated sent ${gets} GetItem requests in 0.8 s. Polling without a pause burns read units in every poll and hammers the table; sleep between polls and grow the delay (50, 100, 200, 400 ms…).`,
      );
    },
  },
  {
    task: 'counter',
    name: 'visits counted in both regions at once all survive replication',
    async run(ctx: Ctx) {
      await ensureReplica(ctx);
      const page = `page-${randomUUID().slice(0, 8)}`;
      const inRegion = async (region: string, n: number) => {
        for (let i = 0; i < n; i++) await ctx.learner.recordVisit(page, region);
      };
      // Both regions count within the replication lag: concurrent writes, as in production.
      await Promise.all([inRegion(HOME, 3), inRegion(REPLICA, 2)]);
      const us = ctx.dynamodb!.doc;
      const eu = docIn(ctx.env, REPLICA);
      try {
        await Promise.all([drained(us, eu), drained(eu, us)]);
        const [atHome, atReplica] = [await ctx.learner.totalVisits(page, HOME), await ctx.learner.totalVisits(page, REPLICA)];
        ctx.assert(
          atHome === 5 && atReplica === 5,
          `5 visits were recorded (3 in ${HOME}, 2 in ${REPLICA}) but once replication settled totalVisits says ${atHome} in ${HOME} and ${atReplica} in ${REPLICA}. ` +
            'Global tables resolve concurrent writes to the same item last-writer-wins, per item: the other region\'s version of the item is thrown away, with every attribute it carried. ' +
            'Give each region its own counter item (sk REGION#<region>), written only in that region, and sum them on read.',
        );
      } finally {
        eu.destroy();
      }
    },
  },
]);
