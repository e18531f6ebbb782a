// The docker provider end to end on a real container runtime: namespaces on all four backends,
// isolation between learners, reset, and no container left behind by close() or by Ctrl-C.
// Runs only when a runtime answers and every pinned image is in its local store (nothing is
// pulled; scripts/docker-standins/ builds stand-ins for a machine that cannot pull). Skipped
// otherwise, with the reason printed: CI has no Docker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createClient } from 'redis';
import { MongoClient } from 'mongodb';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ImageName, getContainerRuntimeClient, type ContainerRuntimeClient } from 'testcontainers';
import { DEFAULT_STATE_DIR } from '../../paths.ts';
import { IMAGES } from '../images.ts';
import type { ComposedProvider } from '../compose.ts';
import type { Namespaces } from '../provider.ts';
import { dockerProvider } from './provider.ts';

const SERVICE_IMAGES = [IMAGES.postgres, IMAGES.mongo, IMAGES.redis, IMAGES.dynamodb];
const ALL = ['postgres', 'mongo', 'redis', 'dynamodb'] as const;
// Container start-up is the runtime's business (the postgres module alone allows 120 s); these
// bound a hung runtime, they are not margins the test relies on.
const STARTUP_MS = 300_000;

async function runtimeOrReason(): Promise<ContainerRuntimeClient | string> {
  let client: ContainerRuntimeClient;
  try {
    client = await getContainerRuntimeClient();
  } catch (e) {
    return `no container runtime answers (${e instanceof Error ? e.message : String(e)})`;
  }
  const missing: string[] = [];
  for (const image of Object.values(IMAGES)) if (!(await client.image.exists(ImageName.fromString(image)))) missing.push(image);
  return missing.length ? `pinned images missing from the local store: ${missing.join(', ')} (see scripts/docker-standins/)` : client;
}

// This process's Ryuk carries the test label so the engines the signal tests start in child
// processes get their own (testcontainers reuses only unlabelled reapers).
process.env.TESTCONTAINERS_RYUK_TEST_LABEL = 'true';
const runtime = await runtimeOrReason();
if (typeof runtime === 'string') console.warn(`docker provider integration test skipped: ${runtime}`);

/** Ids of the containers of our service images, running or not. */
async function serviceContainers(client: ContainerRuntimeClient): Promise<string[]> {
  const all = await client.container.list();
  return all.filter((c) => SERVICE_IMAGES.includes(c.Image as (typeof SERVICE_IMAGES)[number])).map((c) => c.Id);
}

describe.skipIf(typeof runtime === 'string')('docker provider', () => {
  const client = runtime as ContainerRuntimeClient;
  // Created in beforeAll, not here: a skipped describe still runs its body.
  let tempDir: string;
  let provider: ComposedProvider;
  let before: string[] = [];
  let alice: Namespaces;
  let bob: Namespaces;

  beforeAll(async () => {
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'ks-docker-'));
    provider = dockerProvider({ mode: 'docker', stateDir: DEFAULT_STATE_DIR, tempDir, onProgress: () => undefined });
    before = await serviceContainers(client);
    alice = await provider.acquire(ALL, `alice-${process.pid}`);
    bob = await provider.acquire(ALL, `bob-${process.pid}`);
  }, STARTUP_MS);
  afterAll(async () => {
    await provider.close();
    rmSync(tempDir, { recursive: true, force: true });
  }, STARTUP_MS);

  it('reports every backend running in a container of its pinned image', () => {
    const info = provider.info();
    expect(info.map((b) => [b.name, b.provider, b.state])).toEqual(ALL.map((n) => [n, 'docker', 'running']));
    for (const b of info) expect(b.version).toContain(IMAGES[b.name]);
  });

  it('postgres: the learner owns a database the other learner cannot open, and reset empties it', async () => {
    const own = new pg.Client({ connectionString: alice.env.DATABASE_URL });
    await own.connect();
    await own.query("CREATE TABLE notes (body text); INSERT INTO notes VALUES ('hi')");
    expect((await alice.clients.pg!.query('SELECT count(*)::int AS n FROM notes')).rows[0].n).toBe(1);
    await own.end();
    const a = new URL(alice.env.DATABASE_URL!);
    const b = new URL(bob.env.DATABASE_URL!);
    const intruder = new pg.Client({ host: b.hostname, port: Number(b.port), user: b.username, password: b.password, database: a.pathname.slice(1) });
    await expect(intruder.connect()).rejects.toThrow(/permission denied for database/);
    await alice.reset();
    expect((await alice.clients.pg!.query("SELECT to_regclass('public.notes') AS t")).rows[0].t).toBeNull();
  });

  it('redis: one server per learner, no default user, reset empties it', async () => {
    expect(alice.env.REDIS_URL).not.toBe(bob.env.REDIS_URL);
    const own = createClient({ url: alice.env.REDIS_URL, socket: { reconnectStrategy: false } });
    await own.connect();
    await own.set('shared-name', 'alice');
    expect(await bob.clients.redis!.get('shared-name')).toBeNull();
    await own.close();
    const url = new URL(alice.env.REDIS_URL!);
    const anon = createClient({ url: `redis://${url.hostname}:${url.port}`, socket: { reconnectStrategy: false } });
    anon.on('error', () => undefined);
    await expect(anon.connect()).rejects.toThrow(/NOAUTH/);
    await expect(alice.clients.redis!.configSet('dir', '/tmp')).rejects.toThrow(/NOPERM/);
    await alice.reset();
    expect(await alice.clients.redis!.dbSize()).toBe(0);
  });

  it('mongo: the learner user owns its database only, and reset drops it', async () => {
    const own = new MongoClient(alice.env.MONGODB_URI!);
    await own.db().collection('orders').insertOne({ n: 1 });
    expect(await alice.clients.mongo!.db.collection('orders').countDocuments()).toBe(1);
    const other = new MongoClient(bob.env.MONGODB_URI!);
    await expect(other.db(alice.clients.mongo!.db.databaseName).collection('orders').findOne()).rejects.toThrow(/not authorized|Unauthorized/i);
    await Promise.all([own.close(), other.close()]);
    await alice.reset();
    expect(await alice.clients.mongo!.db.collection('orders').countDocuments()).toBe(0);
  });

  it("dynamodb: tables per learner through the recording proxy, which records the learner's requests", async () => {
    const env = alice.env;
    const own = new DynamoDBClient({
      endpoint: env.DYNAMODB_ENDPOINT,
      region: env.AWS_REGION,
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
    });
    await own.send(
      new CreateTableCommand({
        TableName: 'Things',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    own.destroy();
    expect(alice.clients.dynamodb!.operations().map((o) => o.operation)).toEqual(['CreateTable']);
    expect((await bob.clients.dynamodb!.client.send(new ListTablesCommand({}))).TableNames).toEqual([]);
    await alice.reset();
    expect((await alice.clients.dynamodb!.client.send(new ListTablesCommand({}))).TableNames).toEqual([]);
    expect(alice.clients.dynamodb!.operations()).toEqual([]);
  });

  it('close() removes every container it started', async () => {
    await provider.close();
    const left = (await serviceContainers(client)).filter((id) => !before.includes(id));
    expect(left).toEqual([]);
    expect(provider.info().every((b) => b.state === 'stopped')).toBe(true);
  }, STARTUP_MS);

  // Each signal test runs an engine in a child process. It must get its own Ryuk (this process's
  // carries the test label, which testcontainers never reuses), so the child's containers are
  // reaped when the child is gone even though this process is still connected to its own.
  async function engineChild(): Promise<{ child: ChildProcess; exited: Promise<number | null> }> {
    const engineUrl = pathToFileURL(path.resolve(import.meta.dirname, '../../engine.ts')).href;
    const script = `
      const { createEngine } = await import(${JSON.stringify(engineUrl)});
      const engine = await createEngine({ backend: 'docker', bundleDrivers: false, warmProcesses: 0 });
      await engine.startBackends(['dynamodb']);
      console.log('ready');
      setInterval(() => undefined, 60_000);`;
    const env = { ...process.env, TESTCONTAINERS_RYUK_TEST_LABEL: '', TESTCONTAINERS_RYUK_RECONNECTION_TIMEOUT: '1s' };
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'], env });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      void exited.then((code) => reject(new Error(`engine exited with ${code} before it was ready`)));
    });
    expect(await newContainers()).toHaveLength(1);
    return { child, exited };
  }

  const newContainers = async (): Promise<string[]> => (await serviceContainers(client)).filter((id) => !before.includes(id));

  /** Poll until the child's containers are gone (the test's timeout bounds it). */
  async function noContainerLeft(): Promise<void> {
    while ((await newContainers()).length) await new Promise((r) => setTimeout(r, 500));
  }

  it('an engine stopped with SIGINT exits 130 and leaves no container behind', async () => {
    const { child, exited } = await engineChild();
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    await noContainerLeft();
    expect(await newContainers()).toEqual([]);
  }, STARTUP_MS);

  it('an engine killed with SIGKILL leaves no container behind (Ryuk removes them)', async () => {
    const { child, exited } = await engineChild();
    child.kill('SIGKILL');
    expect(await exited).toBeNull();
    await noContainerLeft();
    expect(await newContainers()).toEqual([]);
  }, STARTUP_MS);
});
