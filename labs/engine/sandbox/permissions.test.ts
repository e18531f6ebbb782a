// The wall behind the import checks: Node's permission model with the sandbox's flags.
// These run plain scripts under exactly the flags a learner process gets, with no harness,
// as if learner code had found a way around the resolve hook.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sandboxFlags, DEFAULT_LIMITS } from './limits.ts';
import { NODE_MODULES, REPO_ROOT } from '../paths.ts';

const runDir = mkdtempSync(path.join(os.tmpdir(), 'ks-perm-'));
afterAll(() => rmSync(runDir, { recursive: true, force: true }));

function attempt(body: string): string {
  const file = path.join(runDir, `t${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, `try { ${body}; console.log('ALLOWED'); } catch (e) { console.log(e.code ?? e.message); }\n`);
  const r = spawnSync(process.execPath, [...sandboxFlags(runDir, [NODE_MODULES], DEFAULT_LIMITS), file], { encoding: 'utf8', cwd: runDir, env: {} });
  return (r.stdout + r.stderr).trim();
}

const solution = path.join(REPO_ROOT, 'labs/catalog/sample-pg-upsert/solution.ts');

describe('sandbox permission model', () => {
  it('denies reading a reference solution', () => {
    expect(attempt(`(await import('node:fs')).readFileSync(${JSON.stringify(solution)}, 'utf8')`)).toBe('ERR_ACCESS_DENIED');
  });

  it('denies importing a reference solution or the checks by absolute path', async () => {
    expect(attempt(`await import(${JSON.stringify(solution)})`)).toMatch(/ERR_ACCESS_DENIED/);
    expect(attempt(`await import(${JSON.stringify(solution.replace('solution.ts', 'checks.ts'))})`)).toMatch(/ERR_ACCESS_DENIED/);
  });

  it('denies writing outside the run dir, allows inside', () => {
    expect(attempt(`(await import('node:fs')).writeFileSync('/tmp/ks-escape.txt', 'x')`)).toBe('ERR_ACCESS_DENIED');
    expect(attempt(`(await import('node:fs')).writeFileSync(${JSON.stringify(path.join(runDir, 'ok.txt'))}, 'x')`)).toBe('ALLOWED');
  });

  it('denies child processes and workers', () => {
    expect(attempt(`(await import('node:child_process')).execSync('id')`)).toBe('ERR_ACCESS_DENIED');
    expect(attempt(`new (await import('node:worker_threads')).Worker('setInterval(()=>{},1)', { eval: true })`)).toBe('ERR_ACCESS_DENIED');
  });

  it('allows reading the drivers in node_modules', () => {
    expect(attempt(`(await import('node:fs')).readFileSync(${JSON.stringify(path.join(NODE_MODULES, 'pg/package.json'))})`)).toBe('ALLOWED');
  });
});
