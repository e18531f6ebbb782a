// Embedded MongoDB: our emulator (mongodb/src/server.ts) in this process, with access control
// on: a root user for the engine, one dbOwner user per learner database.
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import type { BackendInfo, LearnerId } from '../../api.ts';
import { REPO_ROOT } from '../../paths.ts';
import type { BackendService, Namespace } from '../provider.ts';
import { mongoNamespace } from '../shared/mongo-namespace.ts';
import { secret } from '../naming.ts';

interface RunningMongo {
  port: number;
  host: string;
  close(): Promise<void>;
}

export class EmbeddedMongoService implements BackendService {
  readonly name = 'mongo' as const;
  private server: RunningMongo | null = null;
  private root: MongoClient | null = null;
  private state: BackendInfo['state'] = 'stopped';
  private error: string | undefined;
  private readonly namespaces = new Map<string, Promise<Namespace>>();

  info(): BackendInfo {
    return {
      name: 'mongo',
      provider: 'embedded',
      version: 'keyspace-mongodb (mongodb/src/server.ts)',
      state: this.state,
      ...(this.server ? { address: `${this.server.host}:${this.server.port}` } : {}),
      ...(this.error ? { error: this.error } : {}),
    };
  }

  async start(): Promise<void> {
    this.state = 'starting';
    try {
      const mod = (await import(pathToFileURL(path.join(REPO_ROOT, 'mongodb/src/server.ts')).href)) as {
        startMongo(o: Record<string, unknown>): Promise<RunningMongo>;
      };
      const pwd = secret();
      this.server = await mod.startMongo({ port: 0, host: '127.0.0.1', auth: { users: [{ user: 'ks_root', pwd, db: 'admin', roles: ['root'] }] }, log: () => undefined });
      this.root = new MongoClient(`mongodb://ks_root:${pwd}@127.0.0.1:${this.server.port}/?authSource=admin&directConnection=true`);
      await this.root.connect();
      this.state = 'running';
    } catch (e) {
      this.state = 'failed';
      this.error = e instanceof Error ? e.message : String(e);
      throw e;
    }
  }

  namespace(learner: LearnerId): Promise<Namespace> {
    let ns = this.namespaces.get(learner);
    if (!ns) {
      if (!this.server || !this.root) throw new Error('mongo is not started');
      ns = mongoNamespace(this.root, `127.0.0.1:${this.server.port}`, learner, true);
      this.namespaces.set(learner, ns);
      ns.catch(() => this.namespaces.delete(learner));
    }
    return ns;
  }

  async stop(): Promise<void> {
    this.namespaces.clear();
    await this.root?.close().catch(() => undefined);
    await this.server?.close();
    this.root = null;
    this.server = null;
    this.state = 'stopped';
  }
}
