// Postgres in a container (@testcontainers/postgresql, waits for the server's ready log):
// one server, a database + role per learner as in the embedded provider.
import { PostgreSqlContainer, type StartedPostgreSqlContainer } from '@testcontainers/postgresql';
import pg from 'pg';
import type { BackendInfo, LearnerId } from '../../api.ts';
import { IMAGES } from '../images.ts';
import { secret } from '../naming.ts';
import type { BackendService, Namespace } from '../provider.ts';
import { NamespaceCache } from '../namespace-cache.ts';
import { pgNamespace } from '../shared/pg-namespace.ts';
import { ServiceState } from './state.ts';

export class DockerPostgresService implements BackendService {
  readonly name = 'postgres' as const;
  private readonly state = new ServiceState('postgres', `PostgreSQL (${IMAGES.postgres})`);
  private container: StartedPostgreSqlContainer | null = null;
  private admin: pg.Pool | null = null;
  private readonly namespaces = new NamespaceCache();

  info(): BackendInfo {
    return this.state.info();
  }

  start(): Promise<void> {
    return this.state.track(async () => {
      this.container = await new PostgreSqlContainer(IMAGES.postgres).withUsername('keyspace').withPassword(secret()).withDatabase('keyspace').start();
      const c = this.container;
      this.admin = new pg.Pool({ host: c.getHost(), port: c.getPort(), user: c.getUsername(), password: c.getPassword(), database: c.getDatabase(), max: 4 });
      this.admin.on('error', () => undefined);
      const { rows } = await this.admin.query<{ server_version: string }>('SHOW server_version');
      for (const db of ['postgres', 'template1', 'keyspace']) await this.admin.query(`REVOKE CONNECT, TEMPORARY ON DATABASE ${db} FROM PUBLIC`);
      return { version: `PostgreSQL ${rows[0].server_version} (${IMAGES.postgres})`, address: `${c.getHost()}:${c.getPort()}` };
    }, () => this.release());
  }

  namespace(learner: LearnerId): Promise<Namespace> {
    const { admin, container } = this;
    if (!admin || !container) throw new Error('postgres is not started');
    return this.namespaces.get(learner, () => pgNamespace(admin, { host: container.getHost(), port: container.getPort() }, learner));
  }

  async stop(): Promise<void> {
    await this.state.settled();
    await this.namespaces.closeAll();
    await this.release();
    this.state.stopped();
  }

  private async release(): Promise<void> {
    await this.admin?.end().catch(() => undefined);
    await this.container?.stop().catch(() => undefined);
    this.admin = null;
    this.container = null;
  }
}
