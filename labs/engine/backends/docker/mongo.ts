// MongoDB in a container (@testcontainers/mongodb: a one-node replica set, waits on its health
// check) with a root user, so access control is on and each learner gets a dbOwner user.
import { MongoDBContainer, type StartedMongoDBContainer } from '@testcontainers/mongodb';
import { MongoClient } from 'mongodb';
import type { BackendInfo, LearnerId } from '../../api.ts';
import { IMAGES } from '../images.ts';
import { secret } from '../naming.ts';
import type { BackendService, Namespace } from '../provider.ts';
import { mongoNamespace } from '../shared/mongo-namespace.ts';
import { ServiceState } from './state.ts';

export class DockerMongoService implements BackendService {
  readonly name = 'mongo' as const;
  private readonly state = new ServiceState('mongo', `MongoDB (${IMAGES.mongo})`);
  private container: StartedMongoDBContainer | null = null;
  private root: MongoClient | null = null;
  private address = '';
  private readonly namespaces = new Map<string, Promise<Namespace>>();

  info(): BackendInfo {
    return this.state.info();
  }

  start(): Promise<void> {
    return this.state.track(async () => {
      const pwd = secret();
      this.container = await new MongoDBContainer(IMAGES.mongo).withUsername('keyspace').withPassword(pwd).start();
      this.address = `${this.container.getHost()}:${this.container.getMappedPort(27017)}`;
      this.root = new MongoClient(`mongodb://keyspace:${pwd}@${this.address}/?authSource=admin&directConnection=true`);
      await this.root.connect();
      const info = (await this.root.db('admin').command({ buildInfo: 1 })) as { version?: string };
      return { version: `MongoDB ${info.version ?? '?'} (${IMAGES.mongo})`, address: this.address };
    }, () => this.release());
  }

  namespace(learner: LearnerId): Promise<Namespace> {
    let ns = this.namespaces.get(learner);
    if (!ns) {
      if (!this.root) throw new Error('mongo is not started');
      ns = mongoNamespace(this.root, this.address, learner, true);
      this.namespaces.set(learner, ns);
      ns.catch(() => this.namespaces.delete(learner));
    }
    return ns;
  }

  async stop(): Promise<void> {
    await this.state.settled();
    this.namespaces.clear();
    await this.release();
    this.state.stopped();
  }

  private async release(): Promise<void> {
    await this.root?.close().catch(() => undefined);
    await this.container?.stop().catch(() => undefined);
    this.root = null;
    this.container = null;
  }
}
