// The HTTP/1.1 request reader: what it accepts and refuses, that the way bytes are split into
// chunks never changes what it reads, and a fuzz run over generated and mutated requests.
import { describe, expect, it } from 'vitest';
import { MAX_HEAD_BYTES, RequestReader, type ReadEvent } from './wire.ts';

/** Feeds `bytes` in pieces cut at `cuts` and collects every event until the reader stops. */
function read(bytes: Buffer, cuts: number[] = [], maxBody = 1024 * 1024): ReadEvent[] {
  const reader = new RequestReader(maxBody);
  const events: ReadEvent[] = [];
  let from = 0;
  for (const at of [...cuts.filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b), bytes.length]) {
    if (at <= from) continue;
    // A copy: the reader must not depend on chunks sharing memory.
    reader.push(Buffer.from(bytes.subarray(from, at)));
    from = at;
    for (let ev = reader.next(); ev; ev = reader.next()) events.push(ev);
  }
  return events;
}

const requests = (events: ReadEvent[]) => events.flatMap((e) => (e.kind === 'request' ? [e.request] : []));
const b = (s: string) => Buffer.from(s, 'latin1');

describe('RequestReader', () => {
  it('reads a Content-Length request', () => {
    const [ev] = read(b('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: 2\r\n\r\n{}'));
    expect(ev).toMatchObject({ kind: 'request', request: { method: 'POST', url: '/', keepAlive: true, tooLarge: false } });
    const r = requests([ev!])[0]!;
    expect(r.headers).toEqual({ host: 'x', 'content-type': 'application/x-amz-json-1.0', 'content-length': '2' });
    expect(r.body.toString()).toBe('{}');
  });

  it('reads chunked bodies with extensions and trailers', () => {
    const text = 'POST /a?b=1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\n{"a\r\nB\r\n":12345678}\r\n0\r\nX-Trailer: y\r\n\r\n';
    const [r] = requests(read(b(text)));
    expect(r!.url).toBe('/a?b=1');
    expect(r!.body.toString()).toBe('{"a":12345678}');
  });

  it('reads pipelined requests in order, with leading empty lines ignored', () => {
    const one = (n: number) => `POST /${n} HTTP/1.1\r\nHost: x\r\nContent-Length: ${String(n).length}\r\n\r\n${n}`;
    const rs = requests(read(b(`\r\n${one(1)}${one(22)}GET /health HTTP/1.1\r\nHost: x\r\n\r\n${one(333)}`)));
    expect(rs.map((r) => `${r.method} ${r.url} ${r.body.toString()}`)).toEqual(['POST /1 1', 'POST /22 22', 'GET /health ', 'POST /333 333']);
  });

  it('asks for the body of an Expect: 100-continue request only while it is missing', () => {
    const head = 'POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n';
    expect(read(b(head)).map((e) => e.kind)).toEqual(['continue']);
    expect(read(b(`${head}{}`)).map((e) => e.kind)).toEqual(['request']);
    expect(read(b(`${head}{}`), [head.length]).map((e) => e.kind)).toEqual(['continue', 'request']);
  });

  it('keeps connections alive as HTTP/1.1 and HTTP/1.0 say', () => {
    const keep = (text: string) => requests(read(b(text)))[0]!.keepAlive;
    expect(keep('GET / HTTP/1.1\r\nHost: x\r\n\r\n')).toBe(true);
    expect(keep('GET / HTTP/1.1\r\nHost: x\r\nConnection: Close\r\n\r\n')).toBe(false);
    expect(keep('GET / HTTP/1.1\r\nHost: x\r\nConnection: upgrade, close\r\n\r\n')).toBe(false);
    expect(keep('GET / HTTP/1.0\r\n\r\n')).toBe(false);
    expect(keep('GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n')).toBe(true);
  });

  it('joins repeated headers, keeping the first of those node:http keeps once', () => {
    const [r] = requests(read(b('GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\nx-a:  2 \r\nAuthorization: first\r\nauthorization: second\r\n\r\n')));
    expect(r!.headers['x-a']).toBe('1, 2');
    expect(r!.headers.authorization).toBe('first');
  });

  it('keeps headers named like Object properties as plain headers', () => {
    const [r] = requests(read(b('GET / HTTP/1.1\r\nHost: x\r\nconstructor: a\r\n__proto__: b\r\ntoString: c\r\n\r\n')));
    expect([r!.headers.constructor, r!.headers.__proto__, r!.headers.tostring]).toEqual(['a', 'b', 'c']);
  });

  it('drops a body above the limit and reads on', () => {
    const big = `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n${'x'.repeat(20)}`;
    const chunked = `POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n${'y'.repeat(8)}\r\n8\r\n${'y'.repeat(8)}\r\n0\r\n\r\n`;
    const rs = requests(read(b(`${big}${chunked}GET / HTTP/1.1\r\nHost: x\r\n\r\n`), [5, 50, 90], 10));
    expect(rs.map((r) => [r.tooLarge, r.body.length])).toEqual([[true, 0], [true, 0], [false, 0]]);
  });

  it.each([
    ['a bad request line', 'POST  / HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    ['an unknown version', 'POST / HTTP/2.0\r\n\r\n', 400],
    ['a space in the target', 'GET /a b HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    ['a header without a colon', 'GET / HTTP/1.1\r\nHost: x\r\nHost x\r\n\r\n', 400],
    ['a space before the colon', 'GET / HTTP/1.1\r\nHost: x\r\nHost : x\r\n\r\n', 400],
    ['obsolete line folding', 'GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n 2\r\n\r\n', 400],
    ['a control character in a value', 'GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\x002\r\n\r\n', 400],
    ['two Content-Lengths', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx', 400],
    ['Content-Length with Transfer-Encoding', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400],
    ['a coding other than chunked', 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n', 400],
    ['a negative Content-Length', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n', 400],
    ['a bad chunk size', 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 400],
    ['chunk data longer than announced', 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nxy\r\n0\r\n\r\n', 400],
    ['an HTTP/1.1 request without Host', 'GET / HTTP/1.1\r\nX-A: 1\r\n\r\n', 400],
    ['an Expect other than 100-continue', 'POST / HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\nContent-Length: 0\r\n\r\n', 417],
    ['a head above 16 KiB', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(MAX_HEAD_BYTES)}\r\n\r\n`, 431],
    ['an endless head', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(MAX_HEAD_BYTES + 10)}`, 431],
  ])('refuses %s with %s', (_what, text, status) => {
    const events = read(b(text));
    expect(events.at(-1)).toEqual({ kind: 'error', status });
  });

  it('stops after an error', () => {
    const reader = new RequestReader(100);
    reader.push(b('BAD\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    expect(reader.next()).toEqual({ kind: 'error', status: 400 });
    expect(reader.next()).toBeUndefined();
  });
});

describe('RequestReader fuzz', () => {
  // Deterministic PRNG so a failure can be replayed.
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: T[]) => xs[int(xs.length)]!;
  const cutsFor = (len: number) => Array.from({ length: int(6) }, () => int(len + 1));

  interface Generated {
    method: string;
    url: string;
    headers: Array<[string, string]>;
    body: string;
    chunked: boolean;
  }

  function generate(): Generated {
    const body = pick(['', '{}', '{"TableName":"t"}', 'é€😀'.repeat(int(4)), 'x'.repeat(int(3000))]);
    const headers: Array<[string, string]> = [];
    for (let i = int(5); i > 0; i--) headers.push([pick(['X-Amz-Target', 'x-amz-date', 'User-Agent', 'Accept', 'X-Custom-' + int(100)]), pick(['a', 'DynamoDB_20120810.GetItem', ' spaced\t', 'k=v; q="1"', ''])]);
    return { method: pick(['POST', 'GET', 'PUT', 'OPTIONS']), url: pick(['/', '/?a=1', '/x/y%20z', '*']), headers, body, chunked: rand() < 0.4 };
  }

  function serialize(g: Generated): Buffer {
    const bodyBytes = Buffer.from(g.body, 'utf8');
    let head = `${g.method} ${g.url} HTTP/1.1\r\nHost: x\r\n${g.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}`;
    if (!g.chunked) return Buffer.concat([b(`${head}Content-Length: ${bodyBytes.length}\r\n\r\n`), bodyBytes]);
    head += 'Transfer-Encoding: chunked\r\n\r\n';
    const parts: Buffer[] = [b(head)];
    for (let at = 0; at < bodyBytes.length; ) {
      const n = 1 + int(700);
      const piece = bodyBytes.subarray(at, at + n);
      parts.push(b(`${piece.length.toString(16)}${rand() < 0.2 ? ';e=1' : ''}\r\n`), piece, b('\r\n'));
      at += n;
    }
    parts.push(b(`0\r\n${rand() < 0.3 ? 'T: 1\r\n' : ''}\r\n`));
    return Buffer.concat(parts);
  }

  it('reads 400 generated pipelines exactly, however the bytes are split', () => {
    for (let i = 0; i < 400; i++) {
      const batch = Array.from({ length: 1 + int(4) }, generate);
      const bytes = Buffer.concat(batch.map(serialize));
      const got = requests(read(bytes, cutsFor(bytes.length)));
      expect(got.map((r) => [r.method, r.url, r.body.toString('utf8')])).toEqual(batch.map((g) => [g.method, g.url, g.body]));
      for (const [k, g] of batch.entries()) {
        const target = g.headers.filter(([name]) => name.toLowerCase() === 'x-amz-target').map(([, v]) => v.trim());
        if (target.length) expect(got[k]!.headers['x-amz-target']).toBe(target.join(', '));
      }
    }
  });

  it('never throws on 3000 mutated requests, and the split never changes the outcome', () => {
    const tokens = ['\r\n', '\r', '\n', ':', ' ', '\t', '\x00', 'Content-Length: 5\r\n', 'Transfer-Encoding: chunked\r\n', 'Expect: 100-continue\r\n', '0\r\n\r\n', 'ffffffffffffffffff\r\n', 'HTTP/1.1', '\xff'];
    for (let i = 0; i < 3000; i++) {
      const bytes = Buffer.from(serialize(generate()));
      let mutated: Buffer = bytes;
      for (let m = 1 + int(4); m > 0; m--) {
        const at = int(mutated.length + 1);
        const r = rand();
        if (r < 0.4) mutated = Buffer.concat([mutated.subarray(0, at), b(pick(tokens)), mutated.subarray(at)]);
        else if (r < 0.7) mutated = Buffer.concat([mutated.subarray(0, at), mutated.subarray(at + 1 + int(8))]);
        else if (at < mutated.length) mutated[at] = int(256);
      }
      const whole = read(mutated, [], 2048);
      const split = read(mutated, cutsFor(mutated.length), 2048);
      const bytewise = i % 50 === 0 ? read(mutated, Array.from({ length: mutated.length }, (_, k) => k), 2048) : split;
      // 'continue' depends on whether the body came with the head, so it is left out.
      const simple = (evs: ReadEvent[]) =>
        evs.filter((e) => e.kind !== 'continue').map((e) => (e.kind === 'request' ? { ...e.request, body: e.request.body.toString('latin1') } : e));
      expect(simple(split)).toEqual(simple(whole));
      expect(simple(bytewise)).toEqual(simple(whole));
      for (const r of requests(whole)) expect(r.body.length).toBeLessThanOrEqual(2048);
    }
  });
});
