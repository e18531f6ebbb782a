import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { renderResults } from './report.ts';
import { parseManifest } from '../contracts/manifest.ts';
import type { Results } from '../contracts/results.ts';

const BIN = fileURLToPath(new URL('./bin.mjs', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

const manifest = parseManifest({
  id: 'demo',
  title: 'Demo lab',
  chapter: '1.1',
  summary: 'A demo lab for the report.',
  backends: ['redis'],
  tasks: [
    { id: 'a', title: 'First task' },
    { id: 'b', title: 'Second task' },
  ],
});

describe('keyspace CLI', () => {
  it('prints usage with --help and exits 0; exits 2 on an unknown command', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: keyspace <command>/);
    const unknown = run('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('check exits 1 on a failing submission and 0 on a passing one', () => {
    const lab = (f: string) => fileURLToPath(new URL(`../../catalog/sample-redis-counter/${f}`, import.meta.url));
    const failing = run('check', 'sample-redis-counter', '--file', lab('starter.ts'), '--backend', 'embedded');
    expect(failing.stdout).toMatch(/0\/5 checks pass/);
    expect(failing.status).toBe(1);
    const passing = run('check', 'sample-redis-counter', '--file', lab('solution.ts'), '--backend', 'embedded');
    expect(passing.stdout).toMatch(/All checks pass/);
    expect(passing.status).toBe(0);
  }, 120_000);

  it('renders results per task with marks, messages and a verdict', () => {
    const r: Results = {
      version: 3,
      status: 'fail',
      message: null,
      location: null,
      lab: 'demo',
      duration_ms: 12,
      tests: [
        { name: 'a works', status: 'pass', message: null, output: null, task_id: 1, task: 'a', duration_ms: 3 },
        { name: 'b works', status: 'fail', message: 'expected 2, got 3', output: 'debug line\n', task_id: 2, task: 'b', duration_ms: 4 },
      ],
    };
    const text = renderResults(manifest, r);
    expect(text).toContain('✓ Task 1: First task');
    expect(text).toContain('✗ Task 2: Second task');
    expect(text).toContain('expected 2, got 3');
    expect(text).toContain('debug line');
    expect(text).toContain('1/2 checks pass');
  });

  it('renders a compile error with its position', () => {
    const r: Results = { version: 3, status: 'error', message: "import of 'fs' is not allowed in labs", location: { line: 3, column: 9 }, lab: 'demo', duration_ms: 1, tests: [] };
    expect(renderResults(manifest, r)).toContain('could not grade at solution.ts:3:9');
  });
});
