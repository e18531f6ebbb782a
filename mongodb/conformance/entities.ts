// The per-test entity map (clients, databases, collections, sessions) and command-event capture.
// https://github.com/mongodb/specifications/blob/master/source/unified-test-format/unified-test-format.md#entity-map
import {
  ClientSession,
  Collection,
  Db,
  MongoClient,
  ReadPreference,
  type CommandFailedEvent,
  type CommandStartedEvent,
  type CommandSucceededEvent,
  type MongoClientOptions,
} from 'mongodb';
import type { Doc, EntityDescription } from './types.ts';

export interface ObservedEvent {
  type: 'commandStartedEvent' | 'commandSucceededEvent' | 'commandFailedEvent';
  commandName: string;
  databaseName: string;
  command?: Doc;
  reply?: Doc;
}

/**
 * Commands whose events are never observed without `observeSensitiveCommands`
 * (command-logging-and-monitoring spec, "Security").
 */
const SENSITIVE = new Set([
  'authenticate',
  'saslstart',
  'saslcontinue',
  'getnonce',
  'createuser',
  'updateuser',
  'copydbgetnonce',
  'copydbsaslstart',
  'copydb',
]);

export class ClientEntity {
  readonly client: MongoClient;
  readonly events: ObservedEvent[] = [];
  private listening = true;
  private readonly observe: Set<string>;
  private readonly ignore: Set<string>;

  constructor(uri: string, desc: NonNullable<EntityDescription['client']>) {
    // A short server-selection timeout turns an unreachable server into a quick failure;
    // uriOptions still override it, as the spec requires.
    const options: MongoClientOptions = {
      serverSelectionTimeoutMS: 5000,
      ...(desc.uriOptions as MongoClientOptions),
      monitorCommands: true,
    };
    if (desc.serverApi) options.serverApi = desc.serverApi as MongoClientOptions['serverApi'];
    this.client = new MongoClient(uri, options);
    this.observe = new Set(desc.observeEvents ?? []);
    this.ignore = new Set(['configureFailPoint', ...(desc.ignoreCommandMonitoringEvents ?? [])]);
    const sensitiveOk = desc.observeSensitiveCommands === true;
    const skip = (name: string, cmd?: Doc) =>
      !this.listening ||
      this.ignore.has(name) ||
      (!sensitiveOk && (SENSITIVE.has(name.toLowerCase()) || isSpeculativeHello(name, cmd)));
    // A command's succeeded/failed event is dropped iff its started event was.
    const dropped = new Set<number>();
    this.client.on('commandStarted', (e: CommandStartedEvent) => {
      if (skip(e.commandName, e.command)) return void dropped.add(e.requestId);
      this.record('commandStartedEvent', e.commandName, e.databaseName, { command: e.command });
    });
    this.client.on('commandSucceeded', (e: CommandSucceededEvent) => {
      if (dropped.delete(e.requestId) || skip(e.commandName)) return;
      this.record('commandSucceededEvent', e.commandName, e.databaseName, { reply: e.reply as Doc });
    });
    this.client.on('commandFailed', (e: CommandFailedEvent) => {
      if (dropped.delete(e.requestId) || skip(e.commandName)) return;
      this.record('commandFailedEvent', e.commandName, e.databaseName, {});
    });
  }

  private record(type: ObservedEvent['type'], commandName: string, databaseName: string, extra: Partial<ObservedEvent>) {
    if (this.observe.has(type)) this.events.push({ type, commandName, databaseName, ...extra });
  }

  stopListening(): void {
    this.listening = false;
  }
}

function isSpeculativeHello(name: string, cmd?: Doc): boolean {
  const n = name.toLowerCase();
  return (n === 'hello' || n === 'ismaster') && (cmd === undefined || 'speculativeAuthenticate' in cmd);
}

/** Converts a readPreference/readConcern/writeConcern description to driver options. */
export function collectionOrDbOptions(o: Doc | undefined): Doc {
  if (!o) return {};
  const out: Doc = {};
  if (o.readConcern) out.readConcern = o.readConcern;
  if (o.writeConcern) out.writeConcern = o.writeConcern;
  if (o.timeoutMS !== undefined) out.timeoutMS = o.timeoutMS;
  if (o.readPreference) out.readPreference = toReadPreference(o.readPreference as Doc);
  return out;
}

export function toReadPreference(rp: Doc): ReadPreference {
  return new ReadPreference(rp.mode as never, rp.tagSets as never, {
    maxStalenessSeconds: rp.maxStalenessSeconds as number | undefined,
    hedge: rp.hedge as never,
  });
}

type Entity = ClientEntity | Db | Collection | ClientSession | unknown;

export class EntityMap {
  private readonly map = new Map<string, Entity>();
  private readonly uri: string;
  constructor(uri: string) {
    this.uri = uri;
  }

  create(descs: EntityDescription[] | undefined): void {
    for (const d of descs ?? []) {
      if (d.client) this.set(d.client.id, new ClientEntity(this.uri, d.client));
      else if (d.database) {
        const c = this.client(d.database.client);
        this.set(d.database.id, c.client.db(d.database.databaseName, collectionOrDbOptions(d.database.databaseOptions)));
      } else if (d.collection) {
        const db = this.db(d.collection.database);
        const opts = collectionOrDbOptions(d.collection.collectionOptions);
        this.set(d.collection.id, db.collection(d.collection.collectionName, opts));
      } else if (d.session) {
        const c = this.client(d.session.client);
        this.set(d.session.id, c.client.startSession(d.session.sessionOptions));
      } else {
        throw new Error(`unsupported entity type ${Object.keys(d).join(',')}`);
      }
    }
  }

  set(id: string, value: Entity): void {
    if (this.map.has(id)) throw new Error(`entity ${id} already defined`);
    this.map.set(id, value);
  }

  get(id: string): Entity {
    if (!this.map.has(id)) throw new Error(`entity ${id} is not defined`);
    return this.map.get(id);
  }

  client(id: string): ClientEntity {
    return this.typed(id, ClientEntity, 'client');
  }
  db(id: string): Db {
    return this.typed(id, Db, 'database');
  }
  collection(id: string): Collection {
    return this.typed(id, Collection, 'collection');
  }
  session(id: string): ClientSession {
    return this.typed(id, ClientSession, 'session');
  }

  private typed<T>(id: string, cls: abstract new (...args: never[]) => T, what: string): T {
    const e = this.get(id);
    if (!(e instanceof cls)) throw new Error(`entity ${id} is not a ${what}`);
    return e;
  }

  clients(): ClientEntity[] {
    return [...this.map.values()].filter((e): e is ClientEntity => e instanceof ClientEntity);
  }

  /** Ends sessions, then closes every client (spec: "Clear the entity map"). */
  async close(): Promise<void> {
    for (const e of this.map.values()) if (e instanceof ClientSession) await e.endSession().catch(() => {});
    await Promise.all(this.clients().map((c) => c.client.close().catch(() => {})));
    this.map.clear();
  }
}
