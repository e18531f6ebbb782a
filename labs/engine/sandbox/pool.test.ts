// When the warm pool spawns replacements: spawning blocks the engine's event loop, so it should
// not happen during a grading while another warm process is still idle.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SandboxPool } from './pool.ts';
import { DEFAULT_LIMITS } from './limits.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ks-pool-'));
// A stand-in harness: stays alive on its IPC channel, like the real one before init.
const harness = path.join(dir, 'idle-harness.mjs');
writeFileSync(harness, "process.on('message', () => {});\n");
const pool = new SandboxPool({ baseDir: dir, harness, readable: [harness], limits: DEFAULT_LIMITS }, 2);
afterAll(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

const drivers = ['file:///drivers/redis.mjs'];

describe('SandboxPool', () => {
  it('fills the pool at once when a take leaves it empty', async () => {
    const first = pool.take(drivers);
    expect(pool.idleCount(drivers)).toBe(2);
    await first.dispose();
    expect(pool.idleCount(drivers)).toBe(2);
  });

  it('while another warm process is idle, spawns the replacement only when the taken sandbox is disposed', async () => {
    const a = pool.take(drivers);
    expect(pool.idleCount(drivers)).toBe(1);
    const b = pool.take(drivers);
    // That take left none idle: refilled at once.
    expect(pool.idleCount(drivers)).toBe(2);
    expect(a.proc.died).toBeNull();
    await a.dispose();
    // Already full: disposing a deferred sandbox does not spawn beyond the pool's size.
    expect(pool.idleCount(drivers)).toBe(2);
    await b.dispose();
    expect(pool.idleCount(drivers)).toBe(2);
    const c = pool.take(drivers);
    expect(pool.idleCount(drivers)).toBe(1);
    await c.dispose();
    expect(pool.idleCount(drivers)).toBe(2);
  });

  it('gives each take its own process and run dir', () => {
    const a = pool.take(drivers);
    const b = pool.take(drivers);
    expect(a.proc).not.toBe(b.proc);
    expect(a.runDir).not.toBe(b.runDir);
    return Promise.all([a.dispose(), b.dispose()]);
  });
});
