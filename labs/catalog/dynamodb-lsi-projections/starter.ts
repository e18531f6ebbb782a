// A project-tracking app keeps tasks in one table: PK projectId, SK taskId. The app needs
//   - the agenda: a project's tasks by due date, including one the user added a second ago;
//   - a "stale tasks" report: which tasks nobody has touched since a date.
// Both want the same partition (one project) sorted by something other than taskId: that is
// what a local secondary index is for — and LSIs exist only if CreateTable declares them.
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';

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

/** Task 1: create Tasks (projectId, taskId) with the LSIs ByDue (sort key dueDate) and ByUpdated (sort key updatedAt). */
export async function createTasksTable(): Promise<void> {
  // TODO: add LocalSecondaryIndexes: ByDue projecting only title and status (INCLUDE),
  //       ByUpdated projecting keys only. Their sort keys need AttributeDefinitions too.
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'projectId', AttributeType: 'S' },
        { AttributeName: 'taskId', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'projectId', KeyType: 'HASH' },
        { AttributeName: 'taskId', KeyType: 'RANGE' },
      ],
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: TABLE });
}

export async function addTask(task: Task): Promise<void> {
  await doc.send(new PutCommand({ TableName: TABLE, Item: task }));
}

/** Task 2: the project's tasks due on or before `until`, soonest first — including one added a moment ago. */
export async function agenda(projectId: string, until: string): Promise<AgendaEntry[]> {
  // TODO: this reads every task of the project (3 KB descriptions included), filters, and sorts
  //       in JavaScript. Query the ByDue index instead, strongly consistent, without fetching
  //       anything the index does not hold.
  const { Items = [] } = await doc.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'projectId = :p',
      FilterExpression: 'dueDate <= :until',
      ExpressionAttributeValues: { ':p': projectId, ':until': until },
    }),
  );
  return Items.map(({ taskId, title, status, dueDate }) => ({ taskId, title, status, dueDate }))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}

/** Task 3: capacity units (ConsumedCapacity.CapacityUnits) of the agenda Query as is, and when it also asks for description. */
export async function agendaCost(projectId: string, until: string): Promise<{ projected: number; withDescription: number }> {
  // TODO: send the agenda Query with ReturnConsumedCapacity: 'INDEXES', then again with a
  //       ProjectionExpression that adds description.
  void projectId;
  void until;
  return { projected: 0, withDescription: 0 };
}

/** Task 4: ids of the project's tasks with updatedAt before `before`, least recently updated first. */
export async function staleTaskIds(projectId: string, before: string): Promise<string[]> {
  // TODO: Query ByUpdated; the ids are all you need.
  void projectId;
  void before;
  return [];
}

/** Run executes main(): try your functions here. */
export async function main(): Promise<unknown> {
  await createTasksTable();
  await addTask({ projectId: 'P1', taskId: 'T900', title: 'Ship it', status: 'todo', dueDate: '2024-06-03', updatedAt: '2024-05-20T09:00:00Z', assignee: 'ada', description: 'Everything.' });
  return { agenda: await agenda('P1', '2024-06-10'), cost: await agendaCost('P1', '2024-06-10'), stale: await staleTaskIds('P1', '2024-05-21T00:00:00Z') };
}
