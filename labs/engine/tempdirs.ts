// The engine's temp dir (run dirs, harness, Postgres data, Redis configs) lives under the OS
// temp dir as keyspace-XXXXXX with an owner.pid file. An engine killed with SIGKILL cannot clean
// up, so each new engine sweeps dirs whose owner is gone: it stops the Postgres still running on
// the dir's data (fast shutdown, https://www.postgresql.org/docs/current/server-shutdown.html)
// and removes the dir.
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PREFIX = 'keyspace-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

function pidIn(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Remove temp dirs of engines that died without closing; returns how many were swept. */
export function sweepStale(tmp = os.tmpdir()): number {
  let swept = 0;
  for (const name of readdirSync(tmp)) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = path.join(tmp, name);
    const owner = pidIn(path.join(dir, 'owner.pid'));
    if (owner === null || alive(owner)) continue;
    const postmaster = pidIn(path.join(dir, 'postgres', 'postmaster.pid'));
    if (postmaster !== null && alive(postmaster)) process.kill(postmaster, 'SIGINT');
    rmSync(dir, { recursive: true, force: true });
    swept++;
  }
  return swept;
}

/** Create this engine's temp dir, marked with our pid; 0711 so the postgres user can traverse it. */
export function createTempDir(tmp = os.tmpdir()): string {
  const dir = mkdtempSync(path.join(tmp, PREFIX));
  chmodSync(dir, 0o711);
  writeFileSync(path.join(dir, 'owner.pid'), `${process.pid}\n`);
  return dir;
}

export function removeTempDir(dir: string): void {
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
}
