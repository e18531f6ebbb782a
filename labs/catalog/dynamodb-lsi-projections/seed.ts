// Seed data and the reference table shape for dynamodb-lsi-projections (shared by checks.ts).
// The learner creates the table (an LSI can only be defined by CreateTable), so there is no
// fixture: the checks of tasks 2–4 make sure a table of the reference shape exists and is seeded.
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, type CreateTableCommandInput, type TableDescription } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { FixtureContext } from '../../engine/contracts/checks.ts';

export const TABLE = 'Tasks';

export interface SeedTask {
  projectId: string;
  taskId: string;
  title: string;
  status: 'todo' | 'doing' | 'done';
  dueDate: string;
  updatedAt: string;
  assignee: string;
  description: string;
}

const DAY = 86_400_000;
/** Project P1's task i: distinct due dates (so the index order is total), updates spread over May. */
export function seedTask(projectId: string, i: number): SeedTask {
  const taskId = `T${String(i + 1).padStart(3, '0')}`;
  return {
    projectId,
    taskId,
    title: `${projectId} task ${i + 1}`,
    status: (['todo', 'doing', 'done'] as const)[(i * 2) % 3]!,
    dueDate: new Date(Date.UTC(2024, 5, 1) + ((i * 7) % 24) * DAY).toISOString().slice(0, 10),
    updatedAt: new Date(Date.UTC(2024, 4, 1) + ((i * 11) % 24) * DAY + i * 60_000).toISOString().slice(0, 19) + 'Z',
    assignee: ['ada', 'grace', 'linus'][i % 3]!,
    // ~3 KB of prose per task: what makes fetching from the table expensive.
    description: `${taskId}: `.padEnd(3_000, 'lorem ipsum '),
  };
}
export const SEED = [...Array.from({ length: 24 }, (_, i) => seedTask('P1', i)), ...Array.from({ length: 4 }, (_, i) => seedTask('P2', i))];

/** The reference CreateTable input (what the solution sends). */
export const REFERENCE: CreateTableCommandInput = {
  TableName: TABLE,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'projectId', AttributeType: 'S' },
    { AttributeName: 'taskId', AttributeType: 'S' },
    { AttributeName: 'dueDate', AttributeType: 'S' },
    { AttributeName: 'updatedAt', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'projectId', KeyType: 'HASH' },
    { AttributeName: 'taskId', KeyType: 'RANGE' },
  ],
  LocalSecondaryIndexes: [
    {
      IndexName: 'ByDue',
      KeySchema: [
        { AttributeName: 'projectId', KeyType: 'HASH' },
        { AttributeName: 'dueDate', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['title', 'status'] },
    },
    {
      IndexName: 'ByUpdated',
      KeySchema: [
        { AttributeName: 'projectId', KeyType: 'HASH' },
        { AttributeName: 'updatedAt', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'KEYS_ONLY' },
    },
  ],
};

/** What is wrong with a table's shape, or undefined when it matches REFERENCE. */
export function shapeProblem(t: TableDescription | undefined): string | undefined {
  if (!t) return 'there is no Tasks table';
  const keys = (k: { AttributeName?: string; KeyType?: string }[] | undefined) => (k ?? []).map((e) => `${e.AttributeName} ${e.KeyType}`).join(', ');
  if (keys(t.KeySchema) !== 'projectId HASH, taskId RANGE') return `the table's key is [${keys(t.KeySchema)}], expected [projectId HASH, taskId RANGE]`;
  const gsi = (t.GlobalSecondaryIndexes ?? []).find((g) => g.IndexName === 'ByDue' || g.IndexName === 'ByUpdated');
  if (gsi) {
    return `${gsi.IndexName} is a global secondary index. It must be LOCAL (LocalSecondaryIndexes): only an LSI allows ConsistentRead: true, and it shares the table's partition key — which a GSI keyed on projectId would only imitate, eventually consistent`;
  }
  const lsi = (name: string) => (t.LocalSecondaryIndexes ?? []).find((l) => l.IndexName === name);
  const due = lsi('ByDue');
  if (!due) return `the table has no local secondary index named ByDue (it has ${JSON.stringify((t.LocalSecondaryIndexes ?? []).map((l) => l.IndexName))}). LSIs are declared in CreateTable's LocalSecondaryIndexes — UpdateTable cannot add one later`;
  if (keys(due.KeySchema) !== 'projectId HASH, dueDate RANGE') return `ByDue's key is [${keys(due.KeySchema)}], expected [projectId HASH, dueDate RANGE]`;
  const p = due.Projection;
  const projected = p?.NonKeyAttributes ?? [];
  if (p?.ProjectionType !== 'INCLUDE' || !projected.includes('title') || !projected.includes('status') || projected.length !== 2) {
    return (
      `ByDue projects ${p?.ProjectionType}${projected.length ? ` [${projected.join(', ')}]` : ''}; expected INCLUDE [title, status]. ` +
      (p?.ProjectionType === 'ALL' ? 'ALL copies every 3 KB description into the index too: double the storage, and every write pays for the description twice' : 'The agenda shows title and status: without them in the index, every agenda read fetches each whole item from the table')
    );
  }
  const upd = lsi('ByUpdated');
  if (!upd) return 'the table has no local secondary index named ByUpdated';
  if (keys(upd.KeySchema) !== 'projectId HASH, updatedAt RANGE') return `ByUpdated's key is [${keys(upd.KeySchema)}], expected [projectId HASH, updatedAt RANGE]`;
  if (upd.Projection?.ProjectionType !== 'KEYS_ONLY') return `ByUpdated projects ${upd.Projection?.ProjectionType}; expected KEYS_ONLY — the stale-task report needs only task ids, and every projected byte is paid for on every write`;
  return undefined;
}

export async function describe(ctx: FixtureContext): Promise<TableDescription | undefined> {
  try {
    return (await ctx.dynamodb!.client.send(new DescribeTableCommand({ TableName: TABLE }))).Table;
  } catch (err) {
    if ((err as Error).name === 'ResourceNotFoundException') return undefined;
    throw err;
  }
}

/** Tasks 2–4 grade on the reference table: replace a missing or wrong-shaped one, then seed it once. */
export async function prepare(ctx: FixtureContext): Promise<void> {
  const { client, doc } = ctx.dynamodb!;
  const table = await describe(ctx);
  if (shapeProblem(table)) {
    if (table) await client.send(new DeleteTableCommand({ TableName: TABLE }));
    await client.send(new CreateTableCommand(REFERENCE));
  }
  const first = SEED[0]!;
  const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: { projectId: first.projectId, taskId: first.taskId } }));
  if (Item) return;
  for (let i = 0; i < SEED.length; i += 25) {
    let pending: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
      [TABLE]: SEED.slice(i, i + 25).map((t) => ({ PutRequest: { Item: { ...t } } })),
    };
    while (pending && Object.keys(pending).length > 0) {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: pending }));
      pending = out.UnprocessedItems as typeof pending;
    }
  }
}
