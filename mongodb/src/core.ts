// The ServerCore ties the layers together and is the object plugins receive (see README.md,
// "Extension points"): command registry, hooks, change events, cursors, storage and the clock.
import type { Document } from 'bson';
import { Long, Timestamp } from 'bson';
import { Storage } from './storage/storage.ts';
import { CursorRegistry } from './cursors/cursors.ts';
import { SessionStore } from './sessions/sessions.ts';
import type { SessionContext } from './sessions/sessions.ts';
import type { Transaction } from './sessions/transaction.ts';
import { DataView } from './sessions/view.ts';
import { runDelete } from './query/write.ts';
import { runPipeline } from './query/pipeline.ts';
import type { FailPoint } from './commands/configureFailPoint.ts';

export interface StartOptions {
  port?: number;
  host?: string;
  auth?: { users?: Array<{ user: string; pwd: string; db?: string; roles?: unknown[] }> } | false;
  dataDir?: string;
  log?: (msg: string) => void;
  plugins?: MongoPlugin[];
  /** Load the plugins in src/auth, src/changestreams, src/ttl (default true). */
  defaultPlugins?: boolean;
  [option: string]: unknown;
}

export interface ConnectionContext {
  readonly id: number;
  readonly remoteAddress: string;
  readonly state: Map<string, unknown>;
  onClose(fn: () => void): void;
  close(reason?: string): void;
}

export interface CommandInvocation {
  name: string;
  db: string;
  body: Document;
  conn: ConnectionContext;
  session?: SessionContext;
  /** Set when the command runs inside a multi-document transaction. */
  txn?: Transaction;
  core: ServerCore;
}

export interface CommandSpec {
  name: string;
  aliases?: string[];
  requiresAuth?: boolean;
  run(inv: CommandInvocation): Document | Promise<Document>;
}

export interface AuthHook {
  authorize(inv: CommandInvocation): void;
  onHello?(inv: CommandInvocation, reply: Document): void | Promise<void>;
}

export interface ChangeEvent {
  operationType: 'insert' | 'update' | 'replace' | 'delete' | 'drop' | 'dropDatabase' | 'rename' | 'create' | 'createIndexes' | 'dropIndexes';
  ns: { db: string; coll?: string };
  to?: { db: string; coll: string };
  documentKey?: { _id: unknown };
  fullDocument?: Document;
  fullDocumentBeforeChange?: Document;
  updateDescription?: { updatedFields: Document; removedFields: string[]; truncatedArrays: { field: string; newSize: number }[] };
  clusterTime: Timestamp;
  txnNumber?: Long;
  lsid?: Document;
}

export interface ServerCursorSource {
  ns: string;
  next(batchSize: number, awaitMs: number): Promise<{ docs: Document[]; exhausted: boolean; extra?: Document }>;
  close?(): void;
}

export type Disposer = () => void | Promise<void>;
export interface MongoPlugin {
  name: string;
  install(core: ServerCore): void | Disposer | Promise<void | Disposer>;
}

export class CommandRegistry {
  private byName = new Map<string, CommandSpec>();
  register(spec: CommandSpec): void {
    this.byName.set(spec.name, spec);
    for (const a of spec.aliases ?? []) this.byName.set(a, spec);
  }
  get(name: string): CommandSpec | undefined { return this.byName.get(name); }
  names(): string[] { return [...this.byName.keys()]; }
}

export class ChangeEvents {
  private listeners = new Set<(e: ChangeEvent) => void>();
  onChange(fn: (e: ChangeEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  get active(): boolean { return this.listeners.size > 0; }
  emit(e: ChangeEvent): void {
    for (const fn of this.listeners) {
      try { fn(e); } catch { /* listeners must not break writes */ }
    }
  }
}

/** Cluster time: a Timestamp(seconds, increment) that strictly increases with every write. */
export class ClusterClock {
  private last = Timestamp.fromBits(0, Math.floor(Date.now() / 1000));
  now(): Timestamp { return this.last; }
  tick(): Timestamp {
    const secs = Math.floor(Date.now() / 1000);
    const high = this.last.getHighBitsUnsigned();
    this.last = secs > high ? Timestamp.fromBits(1, secs) : Timestamp.fromBits(this.last.getLowBitsUnsigned() + 1, high);
    return this.last;
  }
}

export type SourceStageHandler = (inv: CommandInvocation) => Document | Promise<Document>;

/** Aggregation stages that must come first and take over the whole command ($changeStream). */
export class SourceStages {
  private handlers = new Map<string, SourceStageHandler>();
  register(stage: string, handler: SourceStageHandler): void { this.handlers.set(stage, handler); }
  get(stage: string): SourceStageHandler | undefined { return this.handlers.get(stage); }
}

export class ServerCore {
  readonly options: StartOptions;
  readonly storage = new Storage();
  readonly commands = new CommandRegistry();
  readonly events = new ChangeEvents();
  readonly clock = new ClusterClock();
  readonly cursors = new CursorRegistry();
  readonly sessions = new SessionStore();
  readonly aggregateSources = new SourceStages();
  readonly hooks: { auth?: AuthHook } = {};
  /** Test fail points set by configureFailPoint (name → state). */
  readonly failPoints = new Map<string, FailPoint>();
  readonly log: (msg: string) => void;
  readonly startedAt = new Date();
  /** Open client connections (serverStatus). */
  readonly connections = new Set<ConnectionContext>();
  connectionsCreated = 0;
  /** "host:port" once listening (hello's me/primary/hosts). */
  address?: string;
  constructor(options: StartOptions) {
    this.options = options;
    this.log = options.log ?? (() => {});
  }

  /** Plugin write path: same as the delete command (indexes maintained, change events emitted). */
  readonly writes = {
    deleteMany: (db: string, coll: string, filter: Document): number =>
      runDelete(new DataView(this), db, coll, { q: filter, limit: 0 }, {}).length,
  };

  /** Plugin query helpers with the core's mingo configuration. */
  readonly query = {
    runPipeline: (docs: Document[], pipeline: Document[], opts: { db: string; variables?: Document }): Document[] =>
      runPipeline(new DataView(this), opts.db, docs, pipeline, { variables: opts.variables }),
  };
}
