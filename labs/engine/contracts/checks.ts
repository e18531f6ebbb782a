// The authoring contract for a lab's trusted side: `checks.ts` and `fixture.ts`.
// Checks run in the trusted grader process, never in the learner's. They call the learner's
// exported functions through `ctx.learner` (an RPC proxy: every function becomes async and
// values cross losslessly — Date, Uint8Array/Buffer, bigint, Map, Set, ObjectId, Decimal128)
// and inspect the database directly through admin clients scoped to the learner's namespace.
import type { Client as PgClient } from 'pg';
import type { RedisClientType } from 'redis';
import type { Db, MongoClient } from 'mongodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Turns the learner module's type into the proxy checks see: every function returns a Promise. */
export type Learner<M> = {
  [K in keyof M]: M[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** One DynamoDB request the learner's code made, as recorded by the engine (learner traffic only). */
export interface DynamoOperation {
  /** Operation name, e.g. "Query", "Scan", "PutItem". */
  operation: string;
  /** Table the request named, if any. */
  table?: string;
  /** Index the request named (Query/Scan), if any. */
  index?: string;
  /** The request body as sent (parsed JSON). */
  request: Record<string, unknown>;
  /** HTTP status of the answer. */
  status: number;
  /** Count and ScannedCount of a Query/Scan answer. */
  count?: number;
  scannedCount?: number;
  /** The error type of a failed request, e.g. "ConditionalCheckFailedException" (embedded provider). */
  error?: string;
}

/** The connection settings a learner's process gets as environment variables, per backend. */
export interface LearnerEnv {
  /** postgres: e.g. postgres://ks_l_abc:secret@127.0.0.1:5433/ks_l_abc */
  DATABASE_URL?: string;
  /** redis: redis://user:secret@127.0.0.1:6390 */
  REDIS_URL?: string;
  /** mongo: mongodb://user:secret@127.0.0.1:27018/ks_l_abc?authSource=ks_l_abc&directConnection=true */
  MONGODB_URI?: string;
  /** dynamodb: the endpoint URL plus AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY */
  DYNAMODB_ENDPOINT?: string;
  AWS_REGION?: string;
  AWS_ACCESS_KEY_ID?: string;
  AWS_SECRET_ACCESS_KEY?: string;
}

/** Admin clients for the learner's namespace; only the lab's backends are present. */
export interface BackendClients {
  /** Connected as the namespace's owner, inside the learner's database. */
  pg?: PgClient;
  /** Connected to the learner's Redis. */
  redis?: RedisClientType;
  /** The learner's MongoDB database, and the client that owns it. */
  mongo?: { client: MongoClient; db: Db };
  /** Clients that see the learner's tables (same namespace as the learner's credentials). */
  dynamodb?: {
    client: DynamoDBClient;
    doc: DynamoDBDocumentClient;
    /** Requests the learner's code made since this check started. */
    operations(): DynamoOperation[];
  };
}

/** What a fixture's setup receives: the namespace has just been reset to empty. */
export interface FixtureContext extends BackendClients {
  /** The learner's connection settings (role names, endpoint…), e.g. to grant rights. */
  env: LearnerEnv;
}

/** Raised by ctx.fail/ctx.assert: a failed check with a message that teaches. */
export class CheckFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckFailure';
  }
}

/** What one check receives. */
export interface CheckContext<M> extends FixtureContext {
  /** The learner's module, through the RPC proxy. */
  learner: Learner<M>;
  /** Console output the learner's code printed since this check started. */
  output(): string;
  /** Fail the check with a message written to teach. */
  fail(message: string): never;
  /** Fail with `message` unless `condition` holds. */
  assert(condition: unknown, message: string): asserts condition;
}

/** One hidden check, mapped to a task of the manifest. */
export interface Check<M> {
  /** Task id from lab.json this check grades. */
  task: string;
  /** Human-readable name, shown in results. */
  name: string;
  /** Throw (via ctx.fail/assert or any error) to fail; return to pass. */
  run(ctx: CheckContext<M>): Promise<void>;
}

/** Declare a lab's checks in task order; `M` is the learner module's type (import type of solution.ts). */
export function defineChecks<M>(checks: Check<M>[]): Check<M>[] {
  return checks;
}

/** Declare a lab's fixture: runs after the namespace reset, before each run and submit. */
export function defineFixture(setup: (ctx: FixtureContext) => Promise<void>): (ctx: FixtureContext) => Promise<void> {
  return setup;
}
