// Conformance harness: runs recorded expectations (cases/*.ts) against our server, through the
// AWS SDK v3 by default, or as raw JSON when the SDK cannot serialize the input (an empty
// AttributeValue `{}`, two data types in one value, base64 text where the SDK wants bytes).
// Each case cites where its expectation comes from: dynalite's test suite (MIT, its author ran
// it against real DynamoDB, https://github.com/architect/dynalite/tree/main/test) or AWS's API
// reference (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/).

import * as sdk from '@aws-sdk/client-dynamodb';
import { startDynamo, type DynamoServer } from '../src/server.ts';

export const REGION = 'us-east-1';
export const ACCESS_KEY = 'conformance';

/**
 * What a case expects: an error (type + exact message or pattern), or success checked by `check`.
 * `anyOrder` marks a "N validation errors detected: a; b; c" message whose list may come in any
 * order: DynamoDB prints several violations in an internal hash order (dynalite's newer tests
 * compare such lists as sets for that reason), so only the count and the members are compared.
 */
export type Expectation =
  | { error: string; message: string | RegExp; anyOrder?: true }
  | { ok: true; check?: (out: Record<string, unknown>) => string | undefined };

export interface Case {
  /** `<Operation>: <what>`; unique, used by FAILURES.md and KNOWN_MISMATCHES. */
  id: string;
  op: string;
  input: Record<string, unknown>;
  expect: Expectation;
  /** Where the expectation was taken from (test name in dynalite, or an AWS doc URL). */
  source: string;
  /** Send as raw JSON: the SDK cannot serialize this input (the reason is the value). */
  raw?: string;
  /** Caveat about the expectation (e.g. recorded long ago), shown in FAILURES.md. */
  note?: string;
}

export interface Outcome {
  ok: boolean;
  got: string;
  expected: string;
}

/** Tables the cases use, modelled on dynalite's helpers.testHashTable / testRangeTable. */
export const HASH_TABLE = 'conf-hash';
export const RANGE_TABLE = 'conf-range';

const S = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });

export const TABLES: sdk.CreateTableCommandInput[] = [
  {
    TableName: HASH_TABLE,
    AttributeDefinitions: [S('a')],
    KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  },
  {
    TableName: RANGE_TABLE,
    AttributeDefinitions: [S('a'), S('b'), S('c'), S('d')],
    KeySchema: [
      { AttributeName: 'a', KeyType: 'HASH' },
      { AttributeName: 'b', KeyType: 'RANGE' },
    ],
    BillingMode: 'PAY_PER_REQUEST',
    LocalSecondaryIndexes: [
      {
        IndexName: 'index1',
        KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }, { AttributeName: 'c', KeyType: 'RANGE' }],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: 'index2',
        KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }, { AttributeName: 'd', KeyType: 'RANGE' }],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
    GlobalSecondaryIndexes: [
      { IndexName: 'index3', KeySchema: [{ AttributeName: 'c', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
      {
        IndexName: 'index4',
        KeySchema: [{ AttributeName: 'c', KeyType: 'HASH' }, { AttributeName: 'd', KeyType: 'RANGE' }],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ],
  },
];

type Command = new (input: never) => Parameters<sdk.DynamoDBClient['send']>[0];

function commandFor(op: string): Command {
  const ctor = (sdk as unknown as Record<string, Command | undefined>)[`${op}Command`];
  if (!ctor) throw new Error(`no SDK command for ${op}`);
  return ctor;
}

export class Conformance {
  readonly server: DynamoServer;
  readonly client: sdk.DynamoDBClient;

  private constructor(server: DynamoServer, client: sdk.DynamoDBClient) {
    this.server = server;
    this.client = client;
  }

  static async start(): Promise<Conformance> {
    const server = await startDynamo({ port: 0, host: '127.0.0.1', throttling: false });
    const client = new sdk.DynamoDBClient({
      endpoint: server.endpoint,
      region: REGION,
      credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    const c = new Conformance(server, client);
    for (const table of TABLES) await client.send(new sdk.CreateTableCommand(table));
    return c;
  }

  async close(): Promise<void> {
    this.client.destroy();
    await this.server.close();
  }

  /** Sends the case and returns `{type, message}` for errors or the output for successes. */
  async send(c: Case): Promise<{ error?: string; message?: string; out?: Record<string, unknown> }> {
    if (c.raw) return this.sendRaw(c.op, c.input);
    try {
      const Ctor = commandFor(c.op);
      const out = (await this.client.send(new Ctor(structuredClone(c.input) as never))) as unknown as Record<string, unknown>;
      return { out };
    } catch (err) {
      const e = err as Error & { $metadata?: unknown };
      if (!e.$metadata) throw err;
      return { error: e.name, message: e.message };
    }
  }

  private async sendRaw(op: string, body: unknown) {
    const res = await fetch(this.server.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${op}`,
        'x-amz-date': '20260101T000000Z',
        authorization: `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/20260101/${REGION}/dynamodb/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status === 200) return { out: json };
    const type = String(json.__type ?? '');
    return { error: type.slice(type.indexOf('#') + 1), message: String(json.message ?? json.Message ?? '') };
  }

  /** Runs one case and compares; `got`/`expected` are one-line texts for FAILURES.md. */
  async run(c: Case): Promise<Outcome> {
    const res = await this.send(c);
    const e = c.expect;
    if ('error' in e) {
      const expected = `${e.error}: ${e.message}`;
      if (!res.error) return { ok: false, expected, got: `success ${JSON.stringify(res.out).slice(0, 200)}` };
      const got = `${res.error}: ${res.message}`;
      const messageOk =
        typeof e.message !== 'string' ? e.message.test(res.message ?? '') : e.anyOrder ? sameList(res.message ?? '', e.message) : res.message === e.message;
      return { ok: res.error === e.error && messageOk, expected, got };
    }
    if (res.error) return { ok: false, expected: 'success', got: `${res.error}: ${res.message}` };
    const problem = e.check?.(res.out ?? {});
    return { ok: !problem, expected: 'success', got: problem ?? 'success' };
  }
}

/** The prefix and the set of listed violations of two "N validation errors detected: …" texts agree. */
function sameList(got: string, expected: string): boolean {
  const split = (text: string) => {
    const colon = text.indexOf(': ');
    return { head: text.slice(0, colon), items: text.slice(colon + 2).split('; ').sort() };
  };
  const g = split(got);
  const e = split(expected);
  return g.head === e.head && g.items.join('\n') === e.items.join('\n');
}

/** Helpers for writing cases compactly. */
export const err = (error: string, message: string | RegExp): Expectation => ({ error, message });
export const validation = (message: string | RegExp): Expectation => err('ValidationException', message);
export const notFound = (message = 'Requested resource not found'): Expectation => err('ResourceNotFoundException', message);
export const INVALID = 'One or more parameter values were invalid: ';
export const dynalite = (file: string, test: string) => `dynalite test/${file}: "${test}"`;
export const awsRef = (page: string) => `https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_${page}.html`;
