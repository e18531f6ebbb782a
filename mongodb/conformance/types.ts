// Shapes of a unified-format test file, limited to what the CRUD suite uses.
// https://github.com/mongodb/specifications/blob/master/source/unified-test-format/unified-test-format.md#test-format

export type Doc = Record<string, unknown>;

export interface RunOnRequirement {
  minServerVersion?: string;
  maxServerVersion?: string;
  topologies?: string[];
  serverless?: 'require' | 'forbid' | 'allow';
  serverParameters?: Doc;
  auth?: boolean;
  authMechanism?: string;
  csfle?: boolean | Doc;
}

export interface CollectionData {
  collectionName: string;
  databaseName: string;
  createOptions?: Doc;
  documents: Doc[];
}

export interface EntityDescription {
  client?: {
    id: string;
    uriOptions?: Doc;
    useMultipleMongoses?: boolean;
    observeEvents?: string[];
    ignoreCommandMonitoringEvents?: string[];
    observeSensitiveCommands?: boolean;
    serverApi?: { version: string; strict?: boolean; deprecationErrors?: boolean };
    [k: string]: unknown;
  };
  database?: { id: string; client: string; databaseName: string; databaseOptions?: Doc };
  collection?: { id: string; database: string; collectionName: string; collectionOptions?: Doc };
  session?: { id: string; client: string; sessionOptions?: Doc };
  [k: string]: unknown;
}

export interface ExpectedError {
  isError?: true;
  isClientError?: boolean;
  isTimeoutError?: boolean;
  errorContains?: string;
  errorCode?: number;
  errorCodeName?: string;
  errorLabelsContain?: string[];
  errorLabelsOmit?: string[];
  writeErrors?: Record<string, Doc>;
  writeConcernErrors?: Doc[];
  errorResponse?: Doc;
  expectResult?: unknown;
}

export interface Operation {
  name: string;
  object: string;
  arguments?: Doc;
  ignoreResultAndError?: boolean;
  expectError?: ExpectedError;
  expectResult?: unknown;
  saveResultAsEntity?: string;
}

export interface ExpectedEventsForClient {
  client: string;
  eventType?: 'command' | 'cmap' | 'sdam';
  events: Doc[];
  ignoreExtraEvents?: boolean;
}

export interface TestCase {
  description: string;
  runOnRequirements?: RunOnRequirement[];
  skipReason?: string;
  operations: Operation[];
  expectEvents?: ExpectedEventsForClient[];
  outcome?: CollectionData[];
  [k: string]: unknown;
}

export interface TestFile {
  description: string;
  schemaVersion: string;
  runOnRequirements?: RunOnRequirement[];
  createEntities?: EntityDescription[];
  initialData?: CollectionData[];
  tests: TestCase[];
}

export type Topology = 'single' | 'replicaset' | 'sharded' | 'load-balanced';

/** What the runner learned about the server under test (spec: "Initializing the Test Runner"). */
export interface ServerInfo {
  version: [number, number, number];
  topology: Topology;
  auth: boolean;
  serverless: boolean;
  /** Result of `getParameter: '*'`, or null when the server refused it. */
  parameters: Doc | null;
}

export type Status = 'passed' | 'failed' | 'skipped';

export interface TestResult {
  file: string;
  description: string;
  status: Status;
  /** Skip reason or failure message. */
  reason?: string;
  ms: number;
}

export interface FileResult {
  file: string;
  tests: TestResult[];
}
