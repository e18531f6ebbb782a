// A learner's Postgres namespace: a role and a database of the same name, owned by the role.
// Used by both providers (embedded server and container), given a superuser pool.
// Reset drops everything the role owns in its database (DROP OWNED, which also removes the
// schema objects it created: https://www.postgresql.org/docs/current/sql-drop-owned.html)
// and recreates the public schema when the learner dropped it.
import pg from 'pg';
import type { LearnerId } from '../../api.ts';
import type { Namespace } from '../provider.ts';
import { namespaceName, secret } from '../naming.ts';

export interface PgServer {
  host: string;
  port: number;
}

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

async function ensureRoleAndDatabase(admin: pg.Pool, name: string, password: string): Promise<void> {
  const role = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
  const verb = role.rowCount ? 'ALTER' : 'CREATE';
  await admin.query(`${verb} ROLE ${ident(name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION CONNECTION LIMIT 40 PASSWORD '${password}'`);
  const db = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!db.rowCount) {
    try {
      await admin.query(`CREATE DATABASE ${ident(name)} OWNER ${ident(name)} STRATEGY FILE_COPY`);
    } catch (e) {
      // Two engines racing on one server: the other created it first.
      if ((e as { code?: string }).code !== '42P04') throw e;
    }
  }
  await admin.query(`REVOKE CONNECT, TEMPORARY ON DATABASE ${ident(name)} FROM PUBLIC`);
}

/** Create (or reuse) the learner's role + database; the admin client connects as that role. */
export async function pgNamespace(admin: pg.Pool, server: PgServer, learner: LearnerId): Promise<Namespace> {
  const name = namespaceName(learner);
  const password = secret();
  await ensureRoleAndDatabase(admin, name, password);
  const client = new pg.Client({ host: server.host, port: server.port, user: name, password, database: name });
  await client.connect();
  // The checks' connection must survive the learner's mistakes, not die on them.
  client.on('error', () => undefined);
  return {
    env: { DATABASE_URL: `postgres://${name}:${password}@${server.host}:${server.port}/${name}` },
    clients: { pg: client },
    async reset() {
      await client.query(`DROP OWNED BY ${ident(name)}; CREATE SCHEMA IF NOT EXISTS public AUTHORIZATION pg_database_owner`);
    },
    async close() {
      await client.end().catch(() => undefined);
    },
  };
}
