// HTTP handling of the lab API and static files, against a small in-test Engine (the real
// engine is exercised end to end by site/e2e/run.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CODE_BYTES, UnknownLabError, type Engine, type PublicLab, type RunOutcome } from '../../labs/engine/api.ts';
import type { Results } from '../../labs/engine/contracts/results.ts';
import { MAX_IN_FLIGHT_PER_LEARNER, serve, type Served } from './serve.ts';

const manifest = {
  id: 'demo',
  title: 'Demo lab',
  chapter: '1.1',
  summary: 'A lab for testing the server.',
  backends: ['redis' as const],
  tasks: [{ id: 'one', title: 'Task one' }],
  hints: ['first hint', 'second hint'],
  timeLimitMs: 10_000,
  learnerFile: 'demo.ts',
};

interface Calls {
  submit: { code: string; learner: string }[];
  run: { code: string; learner: string }[];
}

function fakeEngine(calls: Calls, gate?: Promise<void>): Engine {
  const known = (id: string) => {
    if (id !== 'demo') throw new UnknownLabError(id);
  };
  return {
    labs: () => [manifest],
    lab: (id): PublicLab => {
      known(id);
      // Extra fields an engine might add must never reach the browser.
      return { manifest, starter: 'export const x = 1;', packages: ['redis'], checks: 'SECRET', solution: 'SECRET' } as PublicLab;
    },
    solution: (id) => (known(id), 'export const solved = true;'),
    async run(id, code, opts): Promise<RunOutcome> {
      known(id);
      calls.run.push({ code, learner: opts.learner });
      opts.onOutput?.('hello\n');
      opts.onOutput?.('world\n');
      return { status: 'ok', message: null, location: null, returned: '42', output: 'hello\nworld\n', duration_ms: 3 };
    },
    async submit(id, code, opts): Promise<Results> {
      known(id);
      calls.submit.push({ code, learner: opts.learner });
      await gate;
      const pass = code.includes('right');
      return {
        version: 3,
        status: pass ? 'pass' : 'fail',
        message: null,
        location: null,
        lab: id,
        duration_ms: 1,
        tests: [{ name: 'check', status: pass ? 'pass' : 'fail', message: pass ? null : 'expected 1, got 2', output: null, task_id: 1, task: 'one', duration_ms: 1 }],
      };
    },
    backends: () => [{ name: 'redis', provider: 'embedded', version: 'Redis 7.0', state: 'stopped' }],
    close: async () => {},
  };
}

let served: Served;
let dist: string;
const calls: Calls = { submit: [], run: [] };

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'ks-dist-'));
  mkdirSync(join(dist, '_astro'));
  mkdirSync(join(dist, 'guide'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>home</title>');
  writeFileSync(join(dist, 'guide', 'index.html'), '<!doctype html><title>guide</title>');
  writeFileSync(join(dist, '404.html'), '<!doctype html><title>not found</title>');
  writeFileSync(join(dist, '_astro', 'app.abc123.js'), 'console.log(1);'.repeat(100));
  writeFileSync(join(tmpdir(), 'ks-secret.txt'), 'secret');
  served = await serve({ port: 0, host: '127.0.0.1', engine: fakeEngine(calls), distDir: dist });
});

afterAll(async () => {
  await served.close();
  rmSync(dist, { recursive: true, force: true });
});

const url = (p: string) => served.url + p;
const postJson = (p: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url(p), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(5);
}

describe('lab API', () => {
  it('lists manifests', async () => {
    const res = await fetch(url('/api/labs'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ labs: [manifest] });
  });

  it('serves a lab’s public parts only', async () => {
    const body = (await (await fetch(url('/api/labs/demo'))).json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['manifest', 'packages', 'starter']);
    expect(JSON.stringify(body)).not.toContain('SECRET');
  });

  it('answers 404 for an unknown lab on every route', async () => {
    await expectError(await fetch(url('/api/labs/nope')), 404, 'unknown_lab');
    await expectError(await postJson('/api/labs/nope/submit', { code: '' }), 404, 'unknown_lab');
    await expectError(await postJson('/api/labs/nope/run', { code: '' }), 404, 'unknown_lab');
    await expectError(await fetch(url('/api/nothing-here')), 404, 'not_found');
  });

  it('issues an HttpOnly learner cookie and passes the same learner to the engine', async () => {
    const first = await postJson('/api/labs/demo/submit', { code: 'wrong' });
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^ks_learner=[A-Za-z0-9_-]{22}; Path=\/api; HttpOnly; SameSite=Strict/);
    const id = cookie.split(';')[0]!.split('=')[1]!;
    const second = await postJson('/api/labs/demo/submit', { code: 'right' }, { cookie: `ks_learner=${id}` });
    expect(second.headers.get('set-cookie')).toBeNull();
    expect(calls.submit.at(-1)!.learner).toBe(id);
    expect(calls.submit.at(-2)!.learner).toBe(id);
    // A forged, malformed cookie is replaced rather than trusted.
    const forged = await fetch(url('/api/labs'), { headers: { cookie: 'ks_learner=../../etc' } });
    expect(forged.headers.get('set-cookie')).toMatch(/^ks_learner=/);
  });

  it('grades a submit and returns the results JSON', async () => {
    const res = await postJson('/api/labs/demo/submit', { code: 'right' });
    expect(res.status).toBe(200);
    const results = (await res.json()) as Results;
    expect(results.status).toBe('pass');
    expect(results.tests[0]!.task).toBe('one');
  });

  it('streams run output as server-sent events, then the result', async () => {
    const res = await postJson('/api/labs/demo/run', { code: 'export function main() {}' });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await res.text();
    const events = text.trim().split('\n\n').map((block) => {
      const [ev, data] = block.split('\n');
      return { type: ev!.slice('event: '.length), data: JSON.parse(data!.slice('data: '.length)) };
    });
    expect(events.map((e) => e.type)).toEqual(['output', 'output', 'result']);
    expect(events[0]!.data).toEqual({ chunk: 'hello\n' });
    expect(events[2]!.data.returned).toBe('42');
  });

  it('reveals the solution only after this learner submitted this lab', async () => {
    const fresh = await postJson('/api/labs/demo/solution', {});
    await expectError(fresh, 409, 'submit_first');
    const cookie = fresh.headers.get('set-cookie')!.split(';')[0]!;
    await postJson('/api/labs/demo/submit', { code: 'wrong' }, { cookie });
    const res = await postJson('/api/labs/demo/solution', {}, { cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ solution: 'export const solved = true;' });
  });

  it('rejects a body that is not JSON', async () => {
    await expectError(await postJson('/api/labs/demo/submit', '{"code": '), 400, 'invalid_json');
  });

  it('rejects wrong types and unknown keys', async () => {
    await expectError(await postJson('/api/labs/demo/submit', { code: 42 }), 400, 'invalid_body');
    await expectError(await postJson('/api/labs/demo/submit', { code: 'x', extra: true }), 400, 'invalid_body');
    await expectError(await postJson('/api/labs/demo/run', []), 400, 'invalid_body');
  });

  it('rejects a body that is not declared as JSON', async () => {
    const res = await fetch(url('/api/labs/demo/submit'), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"code":"x"}' });
    await expectError(res, 415, 'unsupported_media_type');
  });

  it('answers 413 for code over MAX_CODE_BYTES, counted in UTF-8 bytes', async () => {
    const before = calls.submit.length;
    await expectError(await postJson('/api/labs/demo/submit', { code: 'x'.repeat(MAX_CODE_BYTES + 1) }), 413, 'payload_too_large');
    // 3-byte characters: under the limit in characters, over it in bytes.
    await expectError(await postJson('/api/labs/demo/run', { code: '€'.repeat(MAX_CODE_BYTES / 3 + 1) }), 413, 'payload_too_large');
    // A body far beyond any JSON encoding of legal code is refused while streaming.
    await expectError(await postJson('/api/labs/demo/submit', 'x'.repeat(MAX_CODE_BYTES * 7)), 413, 'payload_too_large');
    expect(calls.submit.length).toBe(before);
    const ok = await postJson('/api/labs/demo/submit', { code: 'x'.repeat(MAX_CODE_BYTES) });
    expect(ok.status).toBe(200);
  });

  it('answers 405 with Allow for a wrong method', async () => {
    const res = await fetch(url('/api/labs/demo/submit'));
    await expectError(res, 405, 'method_not_allowed');
    expect(res.headers.get('allow')).toBe('POST');
    await expectError(await fetch(url('/api/labs'), { method: 'DELETE' }), 405, 'method_not_allowed');
  });

  it('refuses cross-origin posts', async () => {
    await expectError(await postJson('/api/labs/demo/submit', { code: 'x' }, { origin: 'http://evil.example' }), 403, 'forbidden_origin');
  });

  it('keeps serving after bad requests', async () => {
    await postJson('/api/labs/demo/submit', 'not json');
    const res = await fetch(url('/api/backends'));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { backends: unknown[] }).backends).toHaveLength(1);
  });
});

describe('per-learner concurrency', () => {
  it(`allows ${MAX_IN_FLIGHT_PER_LEARNER} submits in flight per learner, then 429`, async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const local: Calls = { submit: [], run: [] };
    const s = await serve({ port: 0, engine: fakeEngine(local, gate), distDir: dist });
    try {
      const cookie = 'ks_learner=AAAAAAAAAAAAAAAAAAAAAA';
      const post = (c: string) => fetch(s.url + '/api/labs/demo/submit', { method: 'POST', headers: { 'content-type': 'application/json', cookie: c }, body: '{"code":"right"}' });
      const inFlight = Array.from({ length: MAX_IN_FLIGHT_PER_LEARNER }, () => post(cookie));
      while (local.submit.length < MAX_IN_FLIGHT_PER_LEARNER) await new Promise((r) => setTimeout(r, 5));
      await expectError(await post(cookie), 429, 'busy');
      // Another learner is not affected.
      const other = post('ks_learner=BBBBBBBBBBBBBBBBBBBBBB');
      open();
      expect((await other).status).toBe(200);
      for (const r of await Promise.all(inFlight)) expect(r.status).toBe(200);
      expect((await post(cookie)).status).toBe(200);
    } finally {
      open();
      await s.close();
    }
  });
});

describe('static files', () => {
  it('serves HTML with revalidation and directory indexes', async () => {
    const res = await fetch(url('/guide/'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('guide');
    const again = await fetch(url('/guide/'), { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('serves hashed assets as immutable, gzipped on request', async () => {
    const res = await fetch(url('/_astro/app.abc123.js'), { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toBe('console.log(1);'.repeat(100));
  });

  it('answers unknown paths with the 404 page and status 404', async () => {
    const res = await fetch(url('/no/such/page/'));
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('not found');
  });

  it('never serves files outside dist', async () => {
    for (const p of ['/../ks-secret.txt', '/%2e%2e/ks-secret.txt', '/..%2fks-secret.txt']) {
      const res = await fetch(url(p));
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('secret');
    }
  });
});
