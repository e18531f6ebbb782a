// Hidden checks for dynamodb-lsi-projections. Task 1 grades the learner's CreateTable by the
// table DynamoDB describes; tasks 2–4 run on a table of the reference shape (seed.ts replaces a
// wrong one) so each task grades on its own. Expected answers and costs come from the admin
// client; ctx.dynamodb.operations() shows IndexName, ConsistentRead, Select and
// ReturnConsumedCapacity of the learner's own requests.
import { ScanCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { defineChecks, type CheckContext, type DynamoOperation } from '../../engine/contracts/checks.ts';
import { SEED, TABLE, describe, prepare, shapeProblem } from './seed.ts';
import type { Task } from './solution.ts';

type Ctx = CheckContext<typeof import('./solution.ts')>;

const opsNamed = (ctx: Ctx, name: string) => ctx.dynamodb!.operations().filter((o) => o.operation === name);
const ids = (list: readonly { taskId?: unknown }[]) => `[${list.map((t) => t?.taskId).join(', ')}]`;

/** The learner's reads must be Queries on `index`; a Scan or another index fails with the reason. */
function queriesOn(ctx: Ctx, fn: string, index: string): DynamoOperation[] {
  const scans = opsNamed(ctx, 'Scan');
  ctx.assert(scans.length === 0, `${fn} sent a Scan: it reads every task of every project. A Query on the ${index} index reads one project's entries, already in order.`);
  const queries = opsNamed(ctx, 'Query');
  const elsewhere = queries.filter((q) => q.index !== index);
  ctx.assert(
    queries.length > 0 && elsewhere.length === 0,
    queries.length === 0
      ? `${fn} sent no Query; expected a Query with IndexName: '${index}'.`
      : `${fn} queried ${elsewhere.map((q) => q.index ?? 'the table itself (no IndexName)').join(', ')}; expected IndexName: '${index}'. The table is sorted by taskId; only the index is sorted the way this question needs.`,
  );
  return queries;
}

/** Runs a Query to the end as the grader, summing the capacity it reports. */
async function adminQuery(ctx: Ctx, input: QueryCommandInput): Promise<{ items: Record<string, unknown>[]; units: number }> {
  const items: Record<string, unknown>[] = [];
  let units = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ctx.dynamodb!.doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start, ReturnConsumedCapacity: 'INDEXES' }));
    items.push(...(page.Items ?? []));
    units += page.ConsumedCapacity?.CapacityUnits ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return { items, units };
}

const agendaInput = (projectId: string, until: string): QueryCommandInput => ({
  TableName: TABLE,
  IndexName: 'ByDue',
  KeyConditionExpression: 'projectId = :p AND dueDate <= :until',
  ExpressionAttributeValues: { ':p': projectId, ':until': until },
  ConsistentRead: true,
});

/** Did this request ask for attributes the index does not hold (which makes an LSI fetch from the table)? */
function fetchesFromTable(q: DynamoOperation, projected: string[]): string | undefined {
  if (q.request.Select === 'ALL_ATTRIBUTES') return "Select: 'ALL_ATTRIBUTES'";
  const expr = q.request.ProjectionExpression;
  if (typeof expr !== 'string') return undefined;
  const names = (q.request.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const extra = expr
    .split(',')
    .map((p) => p.trim().split(/[.[]/)[0]!)
    .map((p) => names[p] ?? p)
    .filter((a) => !projected.includes(a));
  return extra.length ? `ProjectionExpression '${expr}' (${extra.join(', ')} not in the index)` : undefined;
}

export default defineChecks<typeof import('./solution.ts')>([
  {
    task: 'create-table',
    name: 'createTasksTable creates Tasks with the LSIs ByDue (INCLUDE title, status) and ByUpdated (KEYS_ONLY)',
    async run(ctx: Ctx) {
      await ctx.learner.createTasksTable();
      const table = await describe(ctx);
      const problem = shapeProblem(table);
      ctx.assert(!problem, `After createTasksTable, ${problem}.`);
      ctx.assert(table!.TableStatus === 'ACTIVE', `Tasks is ${table!.TableStatus} after createTasksTable returned; wait until it is ACTIVE (waitUntilTableExists).`);
      const creates = opsNamed(ctx, 'CreateTable').filter((o) => o.status === 200);
      ctx.assert(creates.length === 1, `createTasksTable sent ${creates.length} successful CreateTable requests; one, with both LSIs in it, is the only way: an LSI cannot be added to an existing table.`);
    },
  },
  {
    task: 'agenda',
    name: 'agenda reads the ByDue index, soonest first, strongly consistent, sees a task added a moment ago, and never touches the table',
    async run(ctx: Ctx) {
      await prepare(ctx);
      // Due before every seeded task, so it must come first; updated late, so task 4 ignores it.
      const fresh: Task = { projectId: 'P1', taskId: 'T500', title: 'Hotfix the login', status: 'doing', dueDate: '2024-05-31', updatedAt: '2024-05-30T12:00:00Z', assignee: 'grace', description: 'Urgent. '.repeat(300) };
      await ctx.learner.addTask(fresh);
      const got = await ctx.learner.agenda('P1', '2024-06-07');
      const queries = queriesOn(ctx, "agenda('P1', '2024-06-07')", 'ByDue');
      const { items: want } = await adminQuery(ctx, agendaInput('P1', '2024-06-07'));
      ctx.assert(Array.isArray(got), `agenda should return an array, got ${typeof got}.`);
      ctx.assert(
        got.length === want.length && got.every((e, i) => e?.taskId === want[i]!.taskId),
        `agenda('P1', '2024-06-07') returned ${ids(got)}; expected ${ids(want)}: P1's tasks due on or before 2024-06-07, soonest first — including T500, added just before the call.`,
      );
      const eventual = queries.filter((q) => q.request.ConsistentRead !== true);
      ctx.assert(
        eventual.length === 0,
        'agenda read ByDue with eventually consistent reads. The user just added T500 and reloads the agenda: an eventually consistent read may not show it yet. ' +
          'A local secondary index supports ConsistentRead: true (a global one does not) — pass it.',
      );
      const fetching = queries.map((q) => fetchesFromTable(q, ['projectId', 'taskId', 'dueDate', 'title', 'status'])).find(Boolean);
      ctx.assert(
        !fetching,
        `agenda asked for ${fetching}. ByDue holds only the keys, title and status; for anything else DynamoDB fetches each whole item (with its 3 KB description) from the table, at the table's read cost. Leave Select and ProjectionExpression out (an index Query then returns ALL_PROJECTED_ATTRIBUTES).`,
      );
      const leaked = got.find((e) => 'description' in (e as object) || 'assignee' in (e as object));
      ctx.assert(!leaked, `agenda entries should be { taskId, title, status, dueDate }; got ${JSON.stringify(leaked)?.slice(0, 160)}.`);
      const bad = got.find((e, i) => e.title !== want[i]!.title || e.status !== want[i]!.status || e.dueDate !== want[i]!.dueDate);
      ctx.assert(!bad, `agenda entry ${JSON.stringify(bad)} does not match the task's title, status and dueDate.`);
    },
  },
  {
    task: 'cost',
    name: 'agendaCost reports, with ReturnConsumedCapacity INDEXES, what the agenda costs from the index and with a non-projected attribute',
    async run(ctx: Ctx) {
      await prepare(ctx);
      const got = await ctx.learner.agendaCost('P1', '2024-06-10');
      const queries = queriesOn(ctx, "agendaCost('P1', '2024-06-10')", 'ByDue');
      ctx.assert(
        queries.every((q) => q.request.ReturnConsumedCapacity === 'INDEXES'),
        `agendaCost's Queries should ask for ReturnConsumedCapacity: 'INDEXES' (got ${JSON.stringify(queries.map((q) => q.request.ReturnConsumedCapacity ?? 'none'))}): it breaks the cost down into the table and each index it touched.`,
      );
      const projected = (await adminQuery(ctx, agendaInput('P1', '2024-06-10'))).units;
      const withDescription = (
        await adminQuery(ctx, { ...agendaInput('P1', '2024-06-10'), ProjectionExpression: 'taskId, title, #status, dueDate, description', ExpressionAttributeNames: { '#status': 'status' } })
      ).units;
      ctx.assert(got && typeof got === 'object', `agendaCost should return { projected, withDescription }, got ${JSON.stringify(got)}.`);
      if (got.projected * 2 === projected) ctx.fail(`agendaCost reported projected = ${got.projected}, half of ${projected}: that is an eventually consistent read. The agenda reads with ConsistentRead: true, which costs a full unit per 4 KB.`);
      ctx.assert(got.projected === projected, `agendaCost reported projected = ${JSON.stringify(got.projected)}; the strongly consistent agenda Query on ByDue consumes ${projected} capacity units (ConsumedCapacity.CapacityUnits).`);
      ctx.assert(
        got.withDescription !== got.projected,
        `agendaCost reported the same cost twice (${got.projected}). The second Query should also ask for description (ProjectionExpression 'taskId, title, #status, dueDate, description'), which ByDue does not hold — then watch the cost jump.`,
      );
      ctx.assert(
        got.withDescription === withDescription,
        `agendaCost reported withDescription = ${JSON.stringify(got.withDescription)}; the same agenda Query asking for description as well consumes ${withDescription} units, ${(withDescription / projected).toFixed(0)}× the index-only read: every matching task is fetched whole from the table.`,
      );
    },
  },
  {
    task: 'stale',
    name: 'staleTaskIds answers from the KEYS_ONLY ByUpdated index, least recently updated first',
    async run(ctx: Ctx) {
      await prepare(ctx);
      const before = '2024-05-10T00:00:00Z';
      const got = await ctx.learner.staleTaskIds('P1', before);
      const queries = queriesOn(ctx, `staleTaskIds('P1', '${before}')`, 'ByUpdated');
      const { Items = [] } = await ctx.dynamodb!.doc.send(new ScanCommand({ TableName: TABLE }));
      const want = Items.filter((t) => t.projectId === 'P1' && String(t.updatedAt) < before)
        .sort((a, b) => String(a.updatedAt).localeCompare(String(b.updatedAt)))
        .map((t) => String(t.taskId));
      ctx.assert(Array.isArray(got), `staleTaskIds should return an array of task ids, got ${typeof got}.`);
      ctx.assert(
        got.length === want.length && got.every((id, i) => id === want[i]),
        `staleTaskIds('P1', '${before}') returned [${got.join(', ')}]; expected [${want.join(', ')}]: P1's tasks with updatedAt before ${before}, least recently updated first (${SEED.length} tasks seeded in all).`,
      );
      const fetching = queries.map((q) => fetchesFromTable(q, ['projectId', 'taskId', 'updatedAt'])).find(Boolean);
      ctx.assert(!fetching, `staleTaskIds asked for ${fetching}. ByUpdated is KEYS_ONLY and the answer is only ids: anything more makes DynamoDB fetch each whole task from the table.`);
    },
  },
]);
