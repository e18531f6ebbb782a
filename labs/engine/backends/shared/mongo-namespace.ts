// A learner's MongoDB namespace: a database and a user of the same name with dbOwner on it
// (https://www.mongodb.com/docs/manual/reference/built-in-roles/#mongodb-authrole-dbOwner).
// Checks use the root client scoped to that database; reset drops the database (users live in
// the auth store, so the learner's user survives).
import type { MongoClient } from 'mongodb';
import type { LearnerId } from '../../api.ts';
import type { Namespace } from '../provider.ts';
import { namespaceName, secret } from '../naming.ts';

export async function mongoNamespace(root: MongoClient, address: string, learner: LearnerId, auth: boolean): Promise<Namespace> {
  const name = namespaceName(learner);
  const db = root.db(name);
  const password = secret();
  if (auth) {
    const found = (await db.command({ usersInfo: name })) as { users?: unknown[] };
    const verb = found.users?.length ? 'updateUser' : 'createUser';
    await db.command({ [verb]: name, pwd: password, roles: [{ role: 'dbOwner', db: name }] });
  }
  const credentials = auth ? `${name}:${password}@` : '';
  const query = auth ? `?authSource=${name}&directConnection=true` : '?directConnection=true';
  return {
    env: { MONGODB_URI: `mongodb://${credentials}${address}/${name}${query}` },
    clients: { mongo: { client: root, db } },
    async reset() {
      await db.dropDatabase();
    },
    async close() {},
  };
}
