// Ctrl-C on an engine with embedded backends running: the process exits 130 and leaves no
// postgres or redis-server behind (the "no orphan processes"). The engine runs in a
// child process so that the signal and the exit are real.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const SCRIPT = `
import { createEngine } from ${JSON.stringify(new URL('./engine.ts', import.meta.url).pathname)};
import { readFileSync } from 'node:fs';
const engine = await createEngine({ backend: 'embedded', warmProcesses: 1 });
const solution = readFileSync(${JSON.stringify(new URL('../catalog/sample-redis-counter/solution.ts', import.meta.url).pathname)}, 'utf8');
const r = await engine.submit('sample-redis-counter', solution, { learner: 'shutdown-test' });
await engine.startBackends(['postgres']);
console.log('ready ' + r.status);
setInterval(() => {}, 1000);
`;

/** Every process below `pid` (children, grandchildren…), from /proc. */
function descendants(pid: number): { pid: number; cmd: string }[] {
  const byParent = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      byParent.set(ppid, [...(byParent.get(ppid) ?? []), Number(d)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const out: { pid: number; cmd: string }[] = [];
  const walk = (p: number) => {
    for (const c of byParent.get(p) ?? []) {
      let cmd = '';
      try {
        cmd = readFileSync(`/proc/${c}/cmdline`, 'utf8').replaceAll('\0', ' ');
      } catch {
        continue;
      }
      out.push({ pid: c, cmd });
      walk(c);
    }
  };
  walk(pid);
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('engine shutdown', () => {
  it('SIGINT stops the embedded postgres and the learner redis-server, then exits 130', async () => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('ready')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`engine exited early (${code}): ${out}`)));
    });
    expect(out).toContain('ready pass');
    const started = descendants(child.pid!).filter((p) => /redis-server|postgres/.test(p.cmd));
    expect(started.some((p) => p.cmd.includes('redis-server'))).toBe(true);
    expect(started.some((p) => p.cmd.includes('postgres'))).toBe(true);

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const left = started.filter((p) => alive(p.pid));
    expect(left, `still running: ${left.map((p) => p.cmd).join('; ')}`).toEqual([]);
  }, 120_000);
});
