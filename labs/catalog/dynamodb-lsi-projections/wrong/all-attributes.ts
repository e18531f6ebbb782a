// WRONG (agenda asks for Select: 'ALL_ATTRIBUTES', so DynamoDB fetches every whole task from the table).
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

export interface Task {
  projectId: string;
  taskId: string;
  title: string;
  status: 'todo' | 'doing' | 'done';
  /** YYYY-MM-DD */
  dueDate: string;
  /** ISO timestamp of the last change. */
  updatedAt: string;
  assignee: string;
  /** Long text (~3 KB): deliberately kept out of the indexes. */
  description: string;
}

/** One line of the agenda: exactly what the ByDue index holds. */
export interface AgendaEntry {
  taskId: string;
  title: string;
  status: Task['status'];
  dueDate: string;
}

export const TABLE = 'Tasks';

const client = new DynamoDBClient({
  endpoint: process.env.DYNAMODB_ENDPOINT,
  region: process.env.AWS_REGION,
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '' },
});
const doc = DynamoDBDocumentClient.from(client);

/** Task 1: the table and both LSIs in one CreateTable — UpdateTable cannot add an LSI later. */
export async function createTasksTable(): Promise<void> {
  await client.send(
    new CreateTableCommand({
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
          // Same partition key as the table, another sort key: a project's tasks by due date.
          IndexName: 'ByDue',
          KeySchema: [
            { AttributeName: 'projectId', KeyType: 'HASH' },
            { AttributeName: 'dueDate', KeyType: 'RANGE' },
          ],
          // The agenda shows title and status: copy those two, not the 3 KB description.
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['title', 'status'] },
        },
        {
          // "Which tasks went stale?" needs only ids: keys are enough.
          IndexName: 'ByUpdated',
          KeySchema: [
            { AttributeName: 'projectId', KeyType: 'HASH' },
            { AttributeName: 'updatedAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: TABLE });
}

export async function addTask(task: Task): Promise<void> {
  await doc.send(new PutCommand({ TableName: TABLE, Item: task }));
}

/** The agenda Query: a project's tasks due on or before `until`, soonest first, strongly consistent. */
const agendaQuery = (projectId: string, until: string): QueryCommandInput => ({
  TableName: TABLE,
  IndexName: 'ByDue',
  KeyConditionExpression: 'projectId = :p AND dueDate <= :until',
  ExpressionAttributeValues: { ':p': projectId, ':until': until },
  // Allowed on an LSI (never on a GSI): the agenda must show a task the user just added.
  ConsistentRead: true,
});

/** Task 2: read from the index alone. Without Select or ProjectionExpression an index Query returns ALL_PROJECTED_ATTRIBUTES. */
export async function agenda(projectId: string, until: string): Promise<AgendaEntry[]> {
  const entries: AgendaEntry[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new QueryCommand({ ...agendaQuery(projectId, until), Select: 'ALL_ATTRIBUTES', ExclusiveStartKey: start }));
    for (const { taskId, title, status, dueDate } of page.Items ?? []) entries.push({ taskId, title, status, dueDate });
    start = page.LastEvaluatedKey;
  } while (start);
  return entries;
}

/** Capacity units one Query consumed, as DynamoDB reports them with ReturnConsumedCapacity: INDEXES. */
async function unitsOf(input: QueryCommandInput): Promise<number> {
  const out = await doc.send(new QueryCommand({ ...input, ReturnConsumedCapacity: 'INDEXES' }));
  // INDEXES breaks the total down into Table and LocalSecondaryIndexes.ByDue; the total is what you pay.
  return out.ConsumedCapacity?.CapacityUnits ?? 0;
}

/**
 * Task 3: the agenda's cost as it is, and with the description added — an attribute ByDue does
 * not hold, so DynamoDB fetches every matching item from the table as well.
 */
export async function agendaCost(projectId: string, until: string): Promise<{ projected: number; withDescription: number }> {
  const projected = await unitsOf(agendaQuery(projectId, until));
  const withDescription = await unitsOf({
    ...agendaQuery(projectId, until),
    ProjectionExpression: 'taskId, title, #status, dueDate, description',
    ExpressionAttributeNames: { '#status': 'status' },
  });
  return { projected, withDescription };
}

/** Task 4: ids of the project's tasks not updated since `before`, least recently updated first — keys only. */
export async function staleTaskIds(projectId: string, before: string): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: 'ByUpdated',
        KeyConditionExpression: 'projectId = :p AND updatedAt < :before',
        ExpressionAttributeValues: { ':p': projectId, ':before': before },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) ids.push(item.taskId as string);
    start = page.LastEvaluatedKey;
  } while (start);
  return ids;
}

/** Run executes main(): try your functions here. */
export async function main(): Promise<unknown> {
  await createTasksTable();
  await addTask({ projectId: 'P1', taskId: 'T900', title: 'Ship it', status: 'todo', dueDate: '2024-06-03', updatedAt: '2024-05-20T09:00:00Z', assignee: 'ada', description: 'Everything.' });
  return { agenda: await agenda('P1', '2024-06-10'), cost: await agendaCost('P1', '2024-06-10'), stale: await staleTaskIds('P1', '2024-05-21T00:00:00Z') };
}
