// Authentication and authorization through the official driver against the in-process server.
import { MongoClient, MongoServerError, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMongo, type RunningMongo } from '../server.ts';

let srv: RunningMongo;
let admin: MongoClient;
const clients: MongoClient[] = [];

function uri(user: string, pwd: string, authSource: string, extra = ''): string {
  return `mongodb://${encodeURIComponent(user)}:${encodeURIComponent(pwd)}@127.0.0.1:${srv.port}/?replicaSet=rs0&authSource=${authSource}${extra}`;
}

async function connect(u: string): Promise<MongoClient> {
  const c = new MongoClient(u, { serverSelectionTimeoutMS: 3000 });
  clients.push(c);
  await c.connect();
  return c;
}

async function serverError(p: Promise<unknown>): Promise<MongoServerError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(MongoServerError);
  return e as MongoServerError;
}

beforeAll(async () => {
  srv = await startMongo({ port: 0, auth: { users: [{ user: 'admin', pwd: 's3cret' }] } });
  admin = await connect(uri('admin', 's3cret', 'admin'));
  await admin.db('a').command({ createUser: 'alice', pwd: 'alice-pw', roles: ['readWrite'] });
  await admin.db('b').command({ createUser: 'bob', pwd: 'bob-pw', roles: [{ role: 'readWrite', db: 'b' }] });
  await admin.db('c').command({ createUser: 'carol', pwd: 'carol-pw', roles: ['dbOwner'] });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await srv?.close();
});

describe('authentication', () => {
  it('accepts the right password (SCRAM-SHA-256, speculative and explicit)', async () => {
    const alice = await connect(uri('alice', 'alice-pw', 'a'));
    await alice.db('a').collection<{ _id: number }>('x').insertOne({ _id: 1 });
    const explicit = await connect(uri('alice', 'alice-pw', 'a', '&authMechanism=SCRAM-SHA-256'));
    expect(await explicit.db('a').collection('x').countDocuments()).toBe(1);
    const status = await alice.db('a').command({ connectionStatus: 1 });
    expect(status.authInfo.authenticatedUsers).toEqual([{ user: 'alice', db: 'a' }]);
  });

  it('answers speculativeAuthenticate and saslSupportedMechs in hello', async () => {
    const hook = srv.core.hooks.auth!;
    const original = hook.onHello!;
    const replies: Document[] = [];
    hook.onHello = async (inv, reply) => {
      await original(inv, reply);
      if (inv.body.speculativeAuthenticate) replies.push(reply);
    };
    try {
      await (await connect(uri('alice', 'alice-pw', 'a'))).db('a').command({ ping: 1 });
    } finally {
      hook.onHello = original;
    }
    expect(replies.length).toBeGreaterThan(0);
    expect(replies[0].saslSupportedMechs).toEqual(['SCRAM-SHA-256']);
    expect(replies[0].speculativeAuthenticate).toMatchObject({ conversationId: 1, done: false });
  });

  it('rejects a wrong password or an unknown user with 18 AuthenticationFailed', async () => {
    for (const u of [uri('alice', 'nope', 'a'), uri('alice', 'alice-pw', 'b'), uri('mallory', 'x', 'admin')]) {
      const e = await serverError(new MongoClient(u, { serverSelectionTimeoutMS: 3000 }).connect());
      expect(e.code).toBe(18);
      expect(e.message).toBe('Authentication failed.');
    }
  });

  it('answers SCRAM-SHA-1 as a mechanism this server does not enable', async () => {
    const e = await serverError(new MongoClient(uri('alice', 'alice-pw', 'a', '&authMechanism=SCRAM-SHA-1'), { serverSelectionTimeoutMS: 3000 }).connect());
    expect(e.codeName).toBe('MechanismUnavailable');
  });

  it('rejects unauthenticated commands except the handshake ones', async () => {
    const anon = await connect(`mongodb://127.0.0.1:${srv.port}/?replicaSet=rs0`);
    expect((await anon.db('admin').command({ ping: 1 })).ok).toBe(1);
    const e = await serverError(anon.db('a').collection('x').findOne({}));
    expect(e.code).toBe(13);
    expect(e.message).toBe('command find requires authentication');
  });
});

describe('authorization', () => {
  it('isolates two users’ databases', async () => {
    const alice = await connect(uri('alice', 'alice-pw', 'a'));
    const bob = await connect(uri('bob', 'bob-pw', 'b'));
    await bob.db('b').collection('y').insertOne({ v: 'bob' });
    const e = await serverError(alice.db('b').collection('y').find({}).toArray());
    expect(e.code).toBe(13);
    expect(e.codeName).toBe('Unauthorized');
    expect(e.message).toMatch(/^not authorized on b to execute command \{ find: "y", filter: \{\}/);
    const w = await serverError(bob.db('a').collection('x').insertOne({ v: 'intruder' }));
    expect(w.message).toMatch(/^not authorized on a to execute command \{ insert: "x"/);
    expect(await admin.db('a').collection('x').countDocuments({ v: 'intruder' })).toBe(0);
  });

  it('listDatabases shows a user only the databases it has roles on', async () => {
    const bob = await connect(uri('bob', 'bob-pw', 'b'));
    await bob.db('b').collection('y').insertOne({ v: 'listed' });
    await admin.db('a').collection('x').insertOne({ v: 'listed' });
    const names = (await bob.db('admin').admin().listDatabases()).databases.map((d) => d.name);
    expect(names).toEqual(['b']);
    const all = (await admin.db('admin').admin().listDatabases()).databases.map((d) => d.name);
    expect(all).toEqual(expect.arrayContaining(['a', 'b']));
  });

  it('readWrite may not manage users or drop the database; dbOwner may', async () => {
    const alice = await connect(uri('alice', 'alice-pw', 'a'));
    expect((await serverError(alice.db('a').command({ createUser: 'eve', pwd: 'x', roles: [] }))).code).toBe(13);
    expect((await serverError(alice.db('a').dropDatabase())).code).toBe(13);
    const carol = await connect(uri('carol', 'carol-pw', 'c'));
    await carol.db('c').command({ createUser: 'dave', pwd: 'dave-pw', roles: ['read'] });
    const dave = await connect(uri('dave', 'dave-pw', 'c'));
    expect(await dave.db('c').collection('z').countDocuments()).toBe(0);
    expect((await serverError(dave.db('c').collection('z').insertOne({}))).code).toBe(13);
  });
});

describe('user management', () => {
  it('createUser twice, unknown roles and missing users are errors with the real codes', async () => {
    const dup = await serverError(admin.db('a').command({ createUser: 'alice', pwd: 'x', roles: [] }));
    expect(dup.code).toBe(51003);
    expect(dup.message).toBe('User "alice@a" already exists');
    expect((await serverError(admin.db('a').command({ createUser: 'z', pwd: 'x', roles: ['wizard'] }))).code).toBe(31);
    expect((await serverError(admin.db('a').command({ createUser: 'z', pwd: 'x', roles: ['root'] }))).code).toBe(31);
    expect((await serverError(admin.db('a').command({ dropUser: 'ghost' }))).code).toBe(11);
  });

  it('usersInfo lists users without credentials', async () => {
    const info = await admin.db('a').command({ usersInfo: 1 });
    expect(info.users).toHaveLength(1);
    expect(info.users[0]).toMatchObject({ _id: 'a.alice', user: 'alice', db: 'a', roles: [{ role: 'readWrite', db: 'a' }], mechanisms: ['SCRAM-SHA-256'] });
    expect(info.users[0].credentials).toBeUndefined();
    const all = await admin.db('admin').command({ usersInfo: { forAllDBs: true } });
    expect(all.users.map((u: { _id: string }) => u._id)).toEqual(expect.arrayContaining(['admin.admin', 'a.alice', 'b.bob']));
  });

  it('updateUser changes the password; dropUser locks the user out', async () => {
    await admin.db('b').command({ createUser: 'tmp', pwd: 'one', roles: ['read'] });
    await admin.db('b').command({ updateUser: 'tmp', pwd: 'two' });
    expect((await serverError(new MongoClient(uri('tmp', 'one', 'b'), { serverSelectionTimeoutMS: 3000 }).connect())).code).toBe(18);
    const tmp = await connect(uri('tmp', 'two', 'b'));
    expect(await tmp.db('b').collection('y').countDocuments({ v: 'bob' })).toBe(1);
    await admin.db('b').command({ dropUser: 'tmp' });
    expect((await serverError(tmp.db('b').collection('y').countDocuments())).code).toBe(13);
  });
});
