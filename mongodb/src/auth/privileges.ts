// What a command needs: nothing (pre-auth commands), just an authenticated user, or privileges
// on databases. A coarse model of https://www.mongodb.com/docs/manual/reference/privilege-actions/
import type { Document } from 'bson';
import type { CommandInvocation } from '../core.ts';
import type { Action } from './roles.ts';

export type Requirement =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'privileges'; needs: { db: string; action: Action }[] };

/** Allowed before authentication: the handshake, auth itself and liveness checks. */
const PUBLIC = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'buildInfo', 'buildinfo', 'saslStart', 'saslContinue', 'authenticate', 'getnonce', 'logout', 'connectionStatus']);

/** Any authenticated user: session and transaction bookkeeping, listDatabases (the real server filters it). */
const AUTHENTICATED = new Set(['endSessions', 'killSessions', 'refreshSessions', 'startSession', 'commitTransaction', 'abortTransaction', 'listDatabases', 'listCommands', 'whatsmyuri', 'getLastError', 'hostInfo']);

const READ = new Set(['find', 'aggregate', 'count', 'distinct', 'listCollections', 'listIndexes', 'getMore', 'killCursors', 'collStats', 'dbStats', 'explain', 'dataSize', 'listSearchIndexes', 'dbHash']);
const WRITE = new Set(['insert', 'update', 'delete', 'findAndModify', 'create', 'drop', 'createIndexes', 'dropIndexes', 'renameCollection', 'convertToCapped', 'cloneCollectionAsCapped']);
const DB_ADMIN = new Set(['collMod', 'dropDatabase', 'compact', 'reIndex', 'validate', 'profile']);
const USER_ADMIN = new Set(['createUser', 'updateUser', 'dropUser', 'dropAllUsersFromDatabase', 'grantRolesToUser', 'revokeRolesFromUser', 'usersInfo', 'rolesInfo', 'createRole', 'dropRole', 'updateRole']);

const dbOf = (ns: unknown) => String(ns).split('.')[0];

/** Databases written by $out/$merge stages. */
function outputDbs(pipeline: unknown, db: string): string[] {
  if (!Array.isArray(pipeline)) return [];
  const out: string[] = [];
  for (const stage of pipeline as Document[]) {
    const target = (stage?.$out ?? (stage?.$merge as Document | undefined)?.into ?? stage?.$merge) as unknown;
    if (target === undefined) continue;
    out.push(typeof target === 'object' && target !== null && 'db' in target ? String((target as Document).db) : db);
  }
  return out;
}

export function requirement(inv: CommandInvocation): Requirement {
  const { name, db, body } = inv;
  if (PUBLIC.has(name)) return { kind: 'public' };
  if (AUTHENTICATED.has(name)) return { kind: 'authenticated' };
  if (name === 'usersInfo' && isSelf(body.usersInfo, inv)) return { kind: 'authenticated' };
  if (name === 'aggregate') {
    const first = Array.isArray(body.pipeline) ? (body.pipeline[0] as Document | undefined) : undefined;
    const cs = first?.$changeStream as Document | undefined;
    // A cluster-wide change stream reads every database.
    const readDb = cs?.allChangesForCluster === true ? '*' : db;
    return {
      kind: 'privileges',
      needs: [{ db: readDb, action: 'read' }, ...outputDbs(body.pipeline, db).map((d) => ({ db: d, action: 'write' as const }))],
    };
  }
  if (name === 'bulkWrite' && Array.isArray(body.nsInfo)) {
    return { kind: 'privileges', needs: (body.nsInfo as Document[]).map((n) => ({ db: dbOf(n.ns), action: 'write' as const })) };
  }
  if (name === 'renameCollection') {
    return { kind: 'privileges', needs: [{ db: dbOf(body.renameCollection), action: 'write' }, { db: dbOf(body.to), action: 'write' }] };
  }
  if (READ.has(name)) return { kind: 'privileges', needs: [{ db, action: 'read' }] };
  if (WRITE.has(name)) return { kind: 'privileges', needs: [{ db, action: 'write' }] };
  if (DB_ADMIN.has(name)) return { kind: 'privileges', needs: [{ db, action: 'dbAdmin' }] };
  if (USER_ADMIN.has(name)) return { kind: 'privileges', needs: [{ db, action: 'userAdmin' }] };
  // Anything else on admin is server-wide (serverStatus, configureFailPoint, getParameter, …);
  // elsewhere it is treated as database administration.
  return { kind: 'privileges', needs: [{ db, action: db === 'admin' ? 'cluster' : 'dbAdmin' }] };
}

/** usersInfo asking only about the caller itself needs no userAdmin (viewUser on self is implicit). */
function isSelf(arg: unknown, inv: CommandInvocation): boolean {
  const self = inv.conn.state.get('auth.user') as { user: string; db: string } | undefined;
  if (!self) return false;
  if (typeof arg === 'string') return arg === self.user && inv.db === self.db;
  if (arg && typeof arg === 'object' && !Array.isArray(arg)) {
    const a = arg as Document;
    return a.user === self.user && (a.db ?? inv.db) === self.db;
  }
  return false;
}
