import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTempDir, sweepStale } from './tempdirs.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ks-sweep-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('engine temp dirs', () => {
  it('marks the dir with our pid and lets others traverse but not list it', () => {
    const dir = createTempDir(tmp);
    expect(path.basename(dir)).toMatch(/^keyspace-/);
    expect(statSync(dir).mode & 0o777).toBe(0o711);
    expect(existsSync(path.join(dir, 'owner.pid'))).toBe(true);
  });

  it('sweeps dirs of dead engines only', () => {
    const mine = createTempDir(tmp);
    const dead = path.join(tmp, 'keyspace-dead');
    mkdirSync(path.join(dead, 'postgres'), { recursive: true });
    // A pid far above pid_max is never alive.
    writeFileSync(path.join(dead, 'owner.pid'), '99999999\n');
    const unrelated = path.join(tmp, 'other-dir');
    mkdirSync(unrelated);
    expect(sweepStale(tmp)).toBe(1);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(mine)).toBe(true);
    expect(existsSync(unrelated)).toBe(true);
  });
});
