// Namespaces on the embedded backends: isolation between learners and reset cost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createClient } from 'redis';
import { embeddedProvider } from './embedded/provider.ts';
import { DEFAULT_STATE_DIR } from '../paths.ts';
import type { Namespaces } from './provider.ts';

const tempDir = mkdtempSync(path.join(os.tmpdir(), 'ks-ns-'));
const provider = embeddedProvider({ stateDir: DEFAULT_STATE_DIR, tempDir, onProgress: () => undefined });
let alice: Namespaces;
let bob: Namespaces;

beforeAll(async () => {
  alice = await provider.acquire(['postgres', 'redis'], `alice-${process.pid}`);
  bob = await provider.acquire(['postgres', 'redis'], `bob-${process.pid}`);
});
afterAll(async () => {
  await provider.close();
  rmSync(tempDir, { recursive: true, force: true });
});

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('postgres namespaces', () => {
  it('gives each learner a database only their role can open', async () => {
    const a = new URL(alice.env.DATABASE_URL!);
    const b = new URL(bob.env.DATABASE_URL!);
    expect(a.pathname).not.toBe(b.pathname);
    const intruder = new pg.Client({ host: b.hostname, port: Number(b.port), user: b.username, password: b.password, database: a.pathname.slice(1) });
    await expect(intruder.connect()).rejects.toThrow(/permission denied for database/);
    const postgresDb = new pg.Client({ host: b.hostname, port: Number(b.port), user: b.username, password: b.password, database: 'postgres' });
    await expect(postgresDb.connect()).rejects.toThrow(/permission denied for database/);
  });

  it('reset drops tables, schemas and types the learner created, and keeps public usable', async () => {
    const c = alice.clients.pg!;
    await alice.reset();
    await c.query("CREATE TABLE t (a int); CREATE SCHEMA extra; CREATE TABLE extra.x (a int); CREATE TYPE mood AS ENUM ('ok')");
    await c.query('DROP SCHEMA public CASCADE');
    await alice.reset();
    const { rows } = await c.query("SELECT nspname FROM pg_namespace WHERE nspname IN ('public', 'extra') ORDER BY 1");
    expect(rows.map((r) => r.nspname)).toEqual(['public']);
    await c.query('CREATE TABLE t (a int)');
    expect((await c.query("SELECT count(*)::int AS n FROM pg_type WHERE typname = 'mood'")).rows[0].n).toBe(0);
  });

  it('resets in well under 20 ms (median of 10)', async () => {
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      await alice.clients.pg!.query('CREATE TABLE IF NOT EXISTS t (a int); INSERT INTO t VALUES (1)');
      const t0 = performance.now();
      await alice.reset();
      times.push(performance.now() - t0);
    }
    expect(median(times)).toBeLessThan(20);
  });
});

describe('redis namespaces', () => {
  it('gives each learner their own server; keys do not leak', async () => {
    expect(alice.env.REDIS_URL).not.toBe(bob.env.REDIS_URL);
    await alice.clients.redis!.set('shared-name', 'alice');
    expect(await bob.clients.redis!.get('shared-name')).toBeNull();
  });

  it('refuses the default user and admin commands', async () => {
    const url = new URL(alice.env.REDIS_URL!);
    const anon = createClient({ url: `redis://127.0.0.1:${url.port}`, socket: { reconnectStrategy: false } });
    anon.on('error', () => undefined);
    await expect(anon.connect()).rejects.toThrow(/NOAUTH/);
    await expect(alice.clients.redis!.configSet('dir', '/tmp')).rejects.toThrow(/NOPERM/);
    await expect(alice.clients.redis!.sendCommand(['ACL', 'SETUSER', 'mallory', 'on', '>pw', '+@all'])).rejects.toThrow(/NOPERM/);
  });

  it('reset empties every database', async () => {
    await alice.clients.redis!.set('k', 'v');
    await alice.reset();
    expect(await alice.clients.redis!.dbSize()).toBe(0);
  });
});
