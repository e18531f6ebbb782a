// The lean transport over real sockets: keep-alive, pipelining, 100-continue, chunked bodies,
// Connection: close, the body limit, HEAD, idle connections, and the same answers as node:http
// for malformed requests (a differential run against `transport: 'node'`).
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing.ts';
import { createResponder } from './handler.ts';
import { createLeanServer } from './lean.ts';
import { Registry } from './registry.ts';
import { Store } from '../storage/store.ts';

let lean: TestServer;
let node: TestServer;
beforeAll(async () => {
  lean = await startTestServer({ maxBodyBytes: 64 * 1024 });
  node = await startTestServer({ maxBodyBytes: 64 * 1024, transport: 'node' });
});
afterAll(async () => {
  await lean.close();
  await node.close();
});

const AUTH = 'AWS4-HMAC-SHA256 Credential=wire/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=abc';
const call = (body: string, extra = '') =>
  `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\nAuthorization: ${AUTH}\r\nX-Amz-Date: 20240101T000000Z\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Splits complete responses off the received bytes (Content-Length framing, as we answer). */
function answers(text: string): { done: Answer[]; rest: string } {
  const done: Answer[] = [];
  for (;;) {
    const end = text.indexOf('\r\n\r\n');
    if (end < 0) return { done, rest: text };
    const [line, ...lines] = text.slice(0, end).split('\r\n');
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const length = Number(headers['content-length'] ?? 0);
    if (text.length < end + 4 + length) return { done, rest: text };
    done.push({ status: Number(line!.split(' ')[1]), headers, body: text.slice(end + 4, end + 4 + length) });
    text = text.slice(end + 4 + length);
  }
}

class Client {
  readonly socket: Socket;
  private text = '';
  closed = false;
  private waiters: Array<() => void> = [];

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.setEncoding('latin1');
    this.socket.on('data', (d: string) => {
      this.text += d;
      this.wake();
    });
    this.socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    this.socket.on('error', () => {});
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits until `ready` holds for the received text (or the server closed the connection). */
  async until(ready: (text: string) => boolean): Promise<string> {
    while (!ready(this.text) && !this.closed) await new Promise<void>((r) => this.waiters.push(r));
    return this.text;
  }

  async responses(n: number): Promise<Answer[]> {
    const text = await this.until((t) => answers(t).done.length >= n);
    return answers(text).done;
  }

  async close() {
    this.socket.destroy();
  }
}

const port = (t: TestServer) => t.server.port;

describe('lean transport', () => {
  it('answers several requests on one keep-alive connection', async () => {
    const c = new Client(port(lean));
    c.socket.write(call('{}'));
    await c.responses(1);
    c.socket.write(call('{}'));
    const [a, b] = await c.responses(2);
    expect([a!.status, b!.status]).toEqual([200, 200]);
    expect(a!.headers.connection).toBe('keep-alive');
    expect(JSON.parse(b!.body)).toEqual({ TableNames: [] });
    expect(c.closed).toBe(false);
    await c.close();
  });

  it('answers pipelined requests in order', async () => {
    const c = new Client(port(lean));
    c.socket.write(call('{}') + call('{"a":') + 'GET / HTTP/1.1\r\nHost: x\r\n\r\n' + call('{"Limit":0}'));
    const rs = await c.responses(4);
    expect(rs.map((r) => r.status)).toEqual([200, 400, 200, 400]);
    expect(JSON.parse(rs[1]!.body).__type).toBe('com.amazon.coral.service#SerializationException');
    expect(rs[2]!.body).toBe('healthy: dynamodb.us-east-1.amazonaws.com ');
    expect(JSON.parse(rs[3]!.body).__type).toBe('com.amazon.coral.validate#ValidationException');
    await c.close();
  });

  it('sends 100 Continue and waits for the body', async () => {
    const c = new Client(port(lean));
    const full = call('{}', 'Expect: 100-continue\r\n');
    c.socket.write(full.slice(0, -2));
    await c.until((t) => t.startsWith('HTTP/1.1 100 Continue\r\n\r\n'));
    c.socket.write('{}');
    const text = await c.until((t) => answers(t.slice('HTTP/1.1 100 Continue\r\n\r\n'.length)).done.length === 1);
    expect(answers(text.slice(25)).done[0]!.status).toBe(200);
    await c.close();
  });

  it('reads a chunked body', async () => {
    const c = new Client(port(lean));
    const head = call('', 'Transfer-Encoding: chunked\r\n').replace('Content-Length: 0\r\n', '');
    c.socket.write(`${head}1\r\n{\r\n`);
    c.socket.write('8\r\n"Limit":\r\n2\r\n1}\r\n0\r\n\r\n');
    const [r] = await c.responses(1);
    expect(r!.status).toBe(200);
    expect(JSON.parse(r!.body)).toEqual({ TableNames: [] });
    await c.close();
  });

  it('closes after Connection: close, and after HTTP/1.0 requests', async () => {
    for (const request of [call('{}', 'Connection: close\r\n'), call('{}').replace('HTTP/1.1', 'HTTP/1.0')]) {
      const c = new Client(port(lean));
      c.socket.write(request);
      await c.until(() => false);
      expect(c.closed).toBe(true);
      const [r] = answers(await c.until(() => true)).done;
      expect(r!.status).toBe(200);
      expect(r!.headers.connection).toBe('close');
    }
  });

  it('refuses a body above the limit with 413 and keeps serving the connection', async () => {
    const c = new Client(port(lean));
    c.socket.write(call(JSON.stringify({ x: 'y'.repeat(100 * 1024) })) + call('{}'));
    const [big, next] = await c.responses(2);
    expect(big!.status).toBe(413);
    expect(JSON.parse(big!.body).__type).toMatch(/#RequestEntityTooLargeException$/);
    expect(next!.status).toBe(200);
    await c.close();
  });

  it('answers HEAD without a body', async () => {
    const c = new Client(port(lean));
    c.socket.write('HEAD / HTTP/1.1\r\nHost: x\r\n\r\n');
    const head = await c.until((t) => t.includes('\r\n\r\n'));
    expect(head).toMatch(/^HTTP\/1\.1 404 /);
    expect(head).toMatch(/\r\nContent-Length: [1-9]/);
    c.socket.write(call('{}'));
    const text = await c.until((t) => answers(t.slice(head.length)).done.length === 1);
    expect(answers(text.slice(head.length)).done[0]!.status).toBe(200);
    await c.close();
  });

  it('closes idle connections after the keep-alive timeout', async () => {
    const { server, close } = createLeanServer(createResponder({}, new Registry(), new Store()), { keepAliveTimeoutMs: 50 });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const c = new Client((server.address() as { port: number }).port);
    c.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    expect((await c.responses(1))[0]!.status).toBe(200);
    await c.until(() => false);
    expect(c.closed).toBe(true);
    await close();
  });
});

describe('lean transport deadlines', () => {
  it('answers 408 to a head that does not complete in time', async () => {
    const { server, close } = createLeanServer(createResponder({}, new Registry(), new Store()), { headersTimeoutMs: 50 });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const c = new Client((server.address() as { port: number }).port);
    c.socket.write('GET / HTTP/1.1\r\nHost: x\r\n');
    const text = await c.until(() => false);
    expect(text).toBe('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
    await close();
  });
});

describe('malformed requests: lean answers as node:http does', () => {
  /** The status line a server answers first, or 'closed' when it closes without one. */
  async function firstStatus(t: TestServer, bytes: string): Promise<string> {
    const c = new Client(port(t));
    c.socket.write(Buffer.from(bytes, 'latin1'));
    // A complete answer, or the server hung up (an incomplete request is completed below).
    const text = await c.until((x) => x.includes('\r\n\r\n'));
    await c.close();
    return text ? text.slice(0, text.indexOf('\r\n')).split(' ')[1]! : 'closed';
  }

  const cases = [
    'POST  / HTTP/1.1\r\n\r\n',
    'POST / HTTP/2.0\r\n\r\n',
    'GET /a b HTTP/1.1\r\n\r\n',
    'GET / HTTP/1.1\r\nHost x\r\n\r\n',
    'GET / HTTP/1.1\r\nHost : x\r\n\r\n',
    'GET / HTTP/1.1\r\nX-A: 1\r\n 2\r\n\r\n',
    'POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx',
    'POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    'POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n',
    'POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n',
    'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n',
    `GET / HTTP/1.1\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`,
    '\x00\x01\x02\r\n\r\n',
    'GET / HTTP/1.1\r\n\r\n',
    'GET / HTTP/1.0\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: x\r\nExpect: nope\r\n\r\n',
  ];

  it.each(cases.map((c) => [JSON.stringify(c).slice(0, 60), c]))('%s', async (_name, bytes) => {
    expect(await firstStatus(lean, bytes)).toBe(await firstStatus(node, bytes));
  });

  /**
   * The last status line a server sends before it closes (our side shut after writing). The last,
   * not the first: when a complete request is followed by bytes that cannot start another one,
   * node:http reads both before answering and sends only its 400, while lean answers the
   * complete request first (200), then the same 400.
   */
  async function lastStatus(t: TestServer, bytes: string): Promise<string> {
    const c = new Client(port(t));
    c.socket.write(Buffer.from(bytes, 'latin1'));
    c.socket.end();
    const text = await c.until(() => false);
    const lines = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1]!);
    return lines.at(-1) ?? 'closed';
  }

  it('fuzz: 400 mutated requests end with the same status from both', async () => {
    // Deterministic PRNG so a failure can be replayed.
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const int = (n: number) => Math.floor(rand() * n);
    const tokens = ['\r\n', '\r', '\n', ':', ' ', '\t', '\x00', 'Content-Length: 5\r\n', 'Transfer-Encoding: chunked\r\n', 'Expect: 100-continue\r\n', 'Connection: close\r\n', '0\r\n\r\n', 'HTTP/1.0', '\xff'];
    const mismatches: string[] = [];
    for (let i = 0; i < 400; i++) {
      let text = call(rand() < 0.5 ? '{}' : '{"Limit":2}');
      for (let m = 1 + int(3); m > 0; m--) {
        const at = int(text.length + 1);
        const r = rand();
        if (r < 0.5) text = text.slice(0, at) + tokens[int(tokens.length)] + text.slice(at);
        else if (r < 0.8) text = text.slice(0, at) + text.slice(at + 1 + int(6));
        else text = text.slice(0, at) + String.fromCharCode(int(256)) + text.slice(at + 1);
      }
      // A request line without a version is HTTP/0.9 to node:http (no headers follow); lean
      // refuses it with 400. No DynamoDB client speaks HTTP/0.9.
      if (!/^\S+ \S+ HTTP\//.test(text)) continue;
      const [a, b] = [await lastStatus(lean, text), await lastStatus(node, text)];
      if (a !== b) mismatches.push(`${JSON.stringify(text)}: lean ${a}, node ${b}`);
    }
    expect(mismatches).toEqual([]);
  });
});
