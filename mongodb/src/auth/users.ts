// User definitions per database, shaped like admin.system.users documents
// (https://www.mongodb.com/docs/manual/reference/system-users-collection/). Kept in memory and,
// when the server has a data directory, written to <dataDir>/auth-users.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EJSON, UUID, type Binary, type Document } from 'bson';
import { deriveCredential, MECHANISM, type ScramCredential } from './scram.ts';
import type { RoleRef } from './roles.ts';

export interface UserDoc {
  _id: string; // "<db>.<user>"
  userId: Binary;
  user: string;
  db: string;
  credentials: { [MECHANISM]: ScramCredential };
  roles: RoleRef[];
  customData?: Document;
}

export interface UserChanges {
  pwd?: string;
  roles?: RoleRef[];
  customData?: Document;
}

export class UserStore {
  private readonly users = new Map<string, UserDoc>();
  private readonly file: string | undefined;

  constructor(dataDir?: string) {
    this.file = dataDir ? path.join(dataDir, 'auth-users.json') : undefined;
    if (this.file && existsSync(this.file)) {
      for (const u of EJSON.parse(readFileSync(this.file, 'utf8'), { relaxed: false }) as UserDoc[]) this.users.set(u._id, u);
    }
  }

  get size(): number {
    return this.users.size;
  }

  get(db: string, user: string): UserDoc | undefined {
    return this.users.get(`${db}.${user}`);
  }

  /** All users, or those defined in `db`. */
  list(db?: string): UserDoc[] {
    return [...this.users.values()].filter((u) => db === undefined || u.db === db);
  }

  /** Adds a user; the caller has checked that it does not exist. */
  create(db: string, user: string, pwd: string, roles: RoleRef[], customData?: Document): UserDoc {
    const doc: UserDoc = {
      _id: `${db}.${user}`,
      userId: new UUID().toBinary(),
      user,
      db,
      credentials: { [MECHANISM]: deriveCredential(pwd) },
      roles,
      ...(customData ? { customData } : {}),
    };
    this.users.set(doc._id, doc);
    this.save();
    return doc;
  }

  update(doc: UserDoc, changes: UserChanges): void {
    if (changes.pwd !== undefined) doc.credentials = { [MECHANISM]: deriveCredential(changes.pwd) };
    if (changes.roles !== undefined) doc.roles = changes.roles;
    if (changes.customData !== undefined) doc.customData = changes.customData;
    this.save();
  }

  drop(db: string, user: string): boolean {
    const had = this.users.delete(`${db}.${user}`);
    if (had) this.save();
    return had;
  }

  dropAll(db: string): number {
    const victims = this.list(db);
    for (const u of victims) this.users.delete(u._id);
    if (victims.length) this.save();
    return victims.length;
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileSync(this.file, EJSON.stringify([...this.users.values()], { relaxed: false }));
  }
}
