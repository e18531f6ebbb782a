// startDynamo: an embedded DynamoDB-compatible HTTP server for the course's labs.
// Wire protocol: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html
//
// Extensions (DynamoDB Streams, the TTL sweeper) plug in without touching the router: every
// module in `extensions` (and, when present, dynamodb/src/streams/index.ts and
// dynamodb/src/ttl/index.ts) exports `install(server)`, which may register
// `DynamoDBStreams_20120810.*` targets on `server.registry`, subscribe to `server.store.changes`
// and return an object with `close()`.

import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import type { OpLogEntry, ServerState } from './actions/context.ts';
import { Transactions } from './actions/transactions.ts';
import { createHandler, createResponder } from './http/handler.ts';
import { createLeanServer } from './http/lean.ts';
import { Registry } from './http/registry.ts';
import { Replicator, type ReplicationOptions } from './global/replicator.ts';
import { OpsLogRing } from './opslog.ts';
import { registerOperations } from './operations.ts';
import { loadSnapshot, saveSnapshot } from './storage/snapshot.ts';
import { Store } from './storage/store.ts';
import { Throttle } from './throttle.ts';
import type { Operation } from './types.ts';

export interface DynamoOptions {
  port?: number;
  host?: string;
  /** Regions served; a request signed for another region is refused. Empty = any region. */
  regions?: string[];
  requireSignature?: boolean;
  /** access key id → secret access key, used when requireSignature is set. */
  credentials?: Record<string, string>;
  cors?: boolean;
  /** Milliseconds added before each operation of that name. */
  latency?: Partial<Record<Operation, number>>;
  /** Directory for a JSON snapshot written on close and read on start. */
  dataDir?: string;
  /** Throttling: provisioned throughput and per-partition-key limits (default on). */
  throttling?: boolean;
  /** Units per second one partition key may use (opt-in hot-key throttling; DynamoDB's partition maximums are 3000 read, 1000 write). */
  partitionLimits?: { read?: number; write?: number };
  /** Clock for throttling and transaction tokens (tests make it fast). */
  now?: () => number;
  /** How long new tables (and GSIs created with them) stay CREATING (ms, default 0). */
  createTableMs?: number;
  /**
   * How long a GSI added by UpdateTable stays CREATING with Backfilling (ms, default
   * createTableMs); reads of it fail meanwhile, as DynamoDB's do.
   */
  createIndexMs?: number;
  /** Item size limit (default 400 KB). */
  maxItemBytes?: number;
  /** Global tables (dynamodb/src/global): replication lag (default 500 ms) and replica creation time. */
  replication?: ReplicationOptions;
  /** Same as replication.lagMs. */
  replicationLagMs?: number;
  /** Request body limit (default 16 MB). */
  maxBodyBytes?: number;
  /**
   * HTTP implementation: 'lean' (default, src/http/lean.ts: our HTTP/1.1 reader on node:net,
   * about twice node:http's request rate) or 'node' (node:http).
   */
  transport?: 'lean' | 'node';
  onOperation?: (entry: OpLogEntry) => void;
  extensions?: Extension[];
  /** Options handed to the streams extension (dynamodb/src/streams). */
  streams?: Record<string, unknown>;
  /** Options handed to the TTL sweeper extension (dynamodb/src/ttl). */
  ttl?: Record<string, unknown>;
}

export interface Extension {
  install(server: DynamoServer): void | { close(): void | Promise<void> } | Promise<void | { close(): void | Promise<void> }>;
}

export interface DynamoServer {
  port: number;
  endpoint: string;
  store: Store;
  registry: Registry;
  options: DynamoOptions;
  /** Operations seen for an access key id (namespace), oldest first. */
  opsLog(namespace: string): OpLogEntry[];
  /** Adds a request to the operation log (and `onOperation`): for extensions' own operations. */
  recordOperation(entry: OpLogEntry): void;
  /**
   * Forgets what the server keeps about an access key id besides its tables: its
   * ClientRequestTokens (all regions) and its operation log. For a host that resets a
   * namespace (deleting its tables is up to the caller, through DeleteTable).
   */
  resetNamespace(namespace: string): void;
  close(): Promise<void>;
}

const OPS_LOG_LIMIT = 10_000;

async function builtInExtensions(): Promise<Extension[]> {
  const found: Extension[] = [];
  for (const name of ['streams', 'ttl']) {
    const path = new URL(`./${name}/index.ts`, import.meta.url);
    if (!existsSync(path)) continue;
    const mod = (await import(path.href)) as Partial<Extension>;
    if (typeof mod.install === 'function') found.push(mod as Extension);
  }
  return found;
}

export async function startDynamo(options: DynamoOptions = {}): Promise<DynamoServer> {
  const store = new Store();
  if (options.dataDir) loadSnapshot(store, options.dataDir);
  const registry = new Registry();
  const logs = new Map<string, OpsLogRing>();
  const state: ServerState = {
    createTableMs: options.createTableMs ?? 0,
    createIndexMs: options.createIndexMs ?? options.createTableMs ?? 0,
    maxItemBytes: options.maxItemBytes ?? 400 * 1024,
    throttle: new Throttle({
      enabled: options.throttling ?? true,
      now: options.now,
      partitionRead: options.partitionLimits?.read,
      partitionWrite: options.partitionLimits?.write,
    }),
    transactions: new Transactions(options.now),
    latency: options.latency ?? {},
    replication: new Replicator(store, {
      createTableMs: options.createTableMs,
      ...options.replication,
      lagMs: options.replication?.lagMs ?? options.replicationLagMs,
    }),
    regions: options.regions ?? [],
  };
  const recordOperation = (entry: OpLogEntry): void => {
    let log = logs.get(entry.namespace);
    if (!log) logs.set(entry.namespace, (log = new OpsLogRing(OPS_LOG_LIMIT)));
    log.push(entry);
    options.onOperation?.(entry);
  };
  registerOperations(registry, state, recordOperation);
  let http: Server;
  let closeHttp: () => Promise<void>;
  if (options.transport === 'node') {
    const nodeServer = createServer(createHandler(options, registry, store));
    nodeServer.keepAliveTimeout = 5000;
    http = nodeServer;
    closeHttp = () =>
      new Promise<void>((resolve) => {
        nodeServer.close(() => resolve());
        nodeServer.closeAllConnections();
      });
  } else {
    const lean = createLeanServer(createResponder(options, registry, store), { keepAliveTimeoutMs: 5000 });
    http = lean.server;
    closeHttp = lean.close;
  }
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 8000, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
  const closers: Array<{ close(): void | Promise<void> }> = [];
  const server: DynamoServer = {
    port,
    endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    store,
    registry,
    options,
    opsLog: (namespace) => logs.get(namespace)?.toArray() ?? [],
    recordOperation,
    resetNamespace(namespace) {
      state.transactions.forget(namespace);
      logs.delete(namespace);
    },
    async close() {
      for (const c of closers) await c.close();
      state.replication.close();
      await closeHttp();
      if (options.dataDir) saveSnapshot(store, options.dataDir);
    },
  };
  for (const ext of [...(await builtInExtensions()), ...(options.extensions ?? [])]) {
    const closer = await ext.install(server);
    if (closer) closers.push(closer);
  }
  return server;
}
