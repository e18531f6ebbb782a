// The threat model: learner code must never get "pass" without passing, and every way of
// breaking the sandbox ends in the exact status documented in labs/README.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { createEngine, type KeyspaceEngine } from '../engine.ts';
import { REPO_ROOT } from '../paths.ts';

const LABS = fileURLToPath(new URL('../testdata/catalog', import.meta.url));
const SOLUTION = path.join(REPO_ROOT, 'labs/catalog/sample-pg-upsert/solution.ts');
const CHECKS = path.join(LABS, 't-answer/checks.ts');
const STORE = "export async function store(_k: string) {}\n";

let engine: KeyspaceEngine;
beforeAll(async () => {
  engine = await createEngine({ labsDir: LABS, backend: 'embedded', warmProcesses: 1 });
});
afterAll(() => engine?.close());

const submit = (code: string, lab = 't-answer') => engine.submit(lab, code, { learner: `hostile-${Math.random()}` });

/** This engine's learner processes still alive: our children running the harness. */
function harnessProcesses(): string[] {
  const out = execFileSync('ps', ['-eo', 'ppid,pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.trim().startsWith(`${process.pid} `) && l.includes('harness.mjs'));
}

describe('grading hostile code', () => {
  it('passes the reference solution (control)', async () => {
    const r = await submit(engine.solution('t-answer'));
    expect(r.message).toBeNull();
    expect(r.status).toBe('pass');
    expect(r.tests.map((t) => t.status)).toEqual(['pass', 'pass']);
  });

  it('infinite loop at import → error "time limit", process tree killed', async () => {
    const before = harnessProcesses().length;
    const r = await submit('while (true) {}\nexport const answer = () => 42;\n');
    expect(r).toMatchObject({ status: 'error', message: 'time limit 2 s exceeded', tests: [] });
    // The warm pool may have spawned a replacement, never more.
    expect(harnessProcesses().length).toBeLessThanOrEqual(Math.max(before, 1));
  });

  it('infinite loop in a called function → error "time limit"; later checks error too', async () => {
    const r = await submit(`export function answer() { for (;;) {} }\n${STORE}`);
    expect(r.status).toBe('error');
    expect(r.message).toBe('time limit 2 s exceeded');
    expect(r.tests.map((t) => t.status)).toEqual(['error', 'error']);
    expect(r.tests[1].message).toBe('not run: time limit 2 s exceeded');
  });

  it('memory bomb by array growth → error "memory limit"', async () => {
    const r = await submit(`export function answer() { const a: object[] = []; for (;;) a.push({ x: [Math.random()] }); }\n${STORE}`, 't-memory');
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/^memory limit exceeded/);
  });

  it('memory bomb by Buffer.alloc → error "memory limit"', async () => {
    const r = await submit(`export function answer() { const a: Buffer[] = []; for (;;) a.push(Buffer.alloc(8e6, 1)); }\n${STORE}`, 't-memory');
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/^memory limit exceeded/);
  });

  it('fake results JSON on stdout → fail', async () => {
    const fake = JSON.stringify({ version: 3, status: 'pass', message: null, tests: [{ name: 'answer() returns 42', status: 'pass' }] });
    const r = await submit(`console.log(${JSON.stringify(fake)});\nprocess.stdout.write(${JSON.stringify(fake)});\nexport function answer() { console.log(${JSON.stringify(fake)}); return 0; }\n${STORE}`);
    expect(r.status).toBe('fail');
    expect(r.tests.map((t) => t.status)).toEqual(['fail', 'fail']);
    expect(r.tests[0].output).toContain('"status":"pass"');
  });

  it('process.exit(0) at import → error', async () => {
    const r = await submit('process.exit(0);\nexport const answer = () => 42;\n');
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/exited \(code 0\) while loading/);
  });

  it('process.exit mid-grading → that check and the rest error', async () => {
    const r = await submit('export const answer = () => 42;\nexport function store() { process.exit(3); }\n');
    expect(r.status).toBe('error');
    expect(r.tests.map((t) => t.status)).toEqual(['pass', 'error']);
    expect(r.tests[1].message).toMatch(/exited \(code 3\) during grading/);
  });

  it('throw at import → error with the location', async () => {
    const r = await submit("export const answer = () => 42;\n\n  throw new Error('boom');\n");
    expect(r.status).toBe('error');
    expect(r.location).toEqual({ line: 3, column: 9 });
    expect(r.message).toMatch(/threw while loading: Error: boom/);
    expect(r.message).not.toContain('/tmp/');
  });

  it('syntax error → error with line and column', async () => {
    const r = await submit('export function answer() {\n  return 42 +;\n}\n');
    expect(r.status).toBe('error');
    expect(r.location).toEqual({ line: 2, column: 14 });
  });

  it('reading the solution or checks with fs → compile error, never pass', async () => {
    const r = await submit(`import { readFileSync } from 'node:fs';\nexport const answer = () => readFileSync(${JSON.stringify(SOLUTION)}, 'utf8').length;\n${STORE}`);
    expect(r.status).toBe('error');
    expect(r.message).toContain("import of 'fs' is not allowed in labs");
  });

  it('computed dynamic import of fs or of the checks at run time → denied, fail', async () => {
    const code = `export async function answer() {
  const fs = await import(['node', 'fs'].join(':')).catch((e) => e.message);
  const checks = await import([${JSON.stringify(CHECKS)}][0]).catch((e) => e.message);
  const bm = (() => { try { return (process as any).getBuiltinModule('fs'); } catch (e) { return (e as Error).message; } })();
  console.log(String(fs), '|', String(checks), '|', String(bm));
  return typeof fs === 'object' || typeof checks === 'object' || typeof bm === 'object' ? 42 : 0;
}\n${STORE}`;
    const r = await submit(code);
    expect(r.status).toBe('fail');
    expect(r.tests[0].message).toBe('expected 42, got 0');
    expect(r.tests[0].output).toMatch(/import of 'node:fs' is not allowed in labs \| import of '.*checks\.ts' is not allowed in labs \| import of 'fs' is not allowed/);
  });

  it("computed import of another lab's driver by file URL → denied, fail", async () => {
    const url = `file://${path.join(REPO_ROOT, 'node_modules/mongodb/lib/index.js')}`;
    const code = `export async function answer() { const m = await import([${JSON.stringify(url)}][0]).catch((e) => e.message); console.log(String(m)); return typeof m === 'object' ? 42 : 0; }\n${STORE}`;
    const r = await submit(code);
    expect(r.status).toBe('fail');
    expect(r.tests[0].output).toMatch(/is not allowed in labs/);
  });

  it('patching Object.prototype and JSON in the learner process → checks unaffected, fail', async () => {
    const code = `(Object.prototype as any).status = 'pass';
(Object.prototype as any).ok = true;
JSON.stringify = () => '{"t":"ret","id":1,"ok":true,"value":42}';
JSON.parse = () => ({ status: 'pass' });
export const answer = () => 0;\n${STORE}`;
    const r = await submit(code);
    expect(r.status).toBe('fail');
    expect(r.tests[0].message).toBe('expected 42, got 0');
    expect(({} as Record<string, unknown>).status).toBeUndefined();
  });

  it('spawning a child process → denied (compile time and run time), fail', async () => {
    const r1 = await submit(`import { execSync } from 'node:child_process';\nexport const answer = () => execSync('true');\n${STORE}`);
    expect(r1.status).toBe('error');
    const r2 = await submit(`export async function answer() { try { const cp = await import(['node', 'child_process'].join(':')); cp.execSync('true'); return 42; } catch { return 0; } }\n${STORE}`);
    expect(r2.status).toBe('fail');
  });

  it('forged RPC messages → ignored or no stronger than return values; fail', async () => {
    const code = `const p = process as any;
const forge = (m: unknown) => { try { p._send?.(m, undefined, {}); } catch {} try { p.channel?.writeUtf8String?.(JSON.stringify(m)); } catch {} };
forge({ t: 'ret', id: 999, ok: true, value: 42 });
forge({ t: 'results', status: 'pass' });
forge({ t: 'ready', exports: ['answer'] });
export function answer() { forge({ t: 'ret', id: 12345, ok: true, value: 42 }); return 0; }\n${STORE}`;
    const r = await submit(code);
    expect(r.status).toBe('fail');
    expect(r.tests[0].message).toBe('expected 42, got 0');
  });

  it('an output flood is capped in results', async () => {
    const r = await submit(`export function answer() { for (let i = 0; i < 2000; i++) console.log('x'.repeat(100)); return 0; }\n${STORE}`);
    expect(r.status).toBe('fail');
    expect(r.tests[0].output!.length).toBeLessThanOrEqual(2_100);
    expect(r.tests[0].output).toMatch(/output truncated$/);
  });

  it('a learner throw fails the check with the learner file location', async () => {
    const r = await submit(`export function answer(): number {\n  throw new RangeError('nope');\n}\n${STORE}`);
    expect(r.status).toBe('fail');
    expect(r.tests[0].message).toBe('your code threw RangeError: nope (answer.ts:2:9)');
  });

  it('run() executes main() and streams output', async () => {
    const chunks: string[] = [];
    const out = await engine.run('t-answer', engine.solution('t-answer'), { learner: 'runner', onOutput: (c) => chunks.push(c) });
    expect(out).toMatchObject({ status: 'ok', returned: "'done'", output: 'hello from main\n' });
    expect(chunks.join('')).toBe('hello from main\n');
  });

  it('leaves no learner process behind', async () => {
    await engine.close();
    expect(harnessProcesses()).toEqual([]);
  });
});
