// The lean transport: HTTP/1.1 on node:net with the request reader of wire.ts, answering
// through the same responder as node:http (handler.ts). Per request it skips what node:http
// does for any server and DynamoDB clients never use: IncomingMessage/ServerResponse streams,
// per-request socket timers, header validation of our own fixed headers. The figures are in
// dynamodb/README.md; `transport: 'node'` keeps node:http.
//
// Connection rules, as node:http applies them by default: keep-alive unless the client says
// `Connection: close` (HTTP/1.0: unless it says keep-alive); requests on one connection are
// answered in order, the next one read only after the previous answer was written
// (pipelining); `100 Continue` is sent when a client waits for it; an idle connection is
// closed after keepAliveTimeout (5 s, plus a second of grace); a request whose head takes
// over 60 s, or whose whole body takes over 300 s, gets 408 (headersTimeout, requestTimeout);
// unreadable requests get node's bare 400/417/431 answer and the connection is closed; after
// the client's FIN, what was read is answered (an unfinished request gets 400), then we close.

import { STATUS_CODES } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import type { Responder, WireResponse } from './handler.ts';
import { RequestReader, type ReadRequest } from './wire.ts';

export interface LeanOptions {
  keepAliveTimeoutMs?: number;
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

const CONTINUE = 'HTTP/1.1 100 Continue\r\n\r\n';
const KEEP_ALIVE_GRACE_MS = 1000;
const bare = (status: number) => `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`;
const STATUS_LINES = new Map<number, string>();
const statusLine = (status: number) => {
  let line = STATUS_LINES.get(status);
  if (!line) STATUS_LINES.set(status, (line = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n`));
  return line;
};

// node:http sends a Date header, formatted once per second.
let dateSecond = 0;
let dateLine = '';
function date(now: number): string {
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateLine = `Date: ${new Date(now).toUTCString()}\r\n`;
  }
  return dateLine;
}

/** The response as one string; undefined when a header holds non-ASCII text (written as latin1 then). */
function serialize(out: WireResponse, keepAlive: boolean, head: boolean, keepAliveSeconds: number): string | undefined {
  let text = statusLine(out.status);
  const h = out.headers;
  for (let i = 0; i < h.length; i += 2) text += `${h[i]}: ${h[i + 1]}\r\n`;
  text += date(Date.now());
  text += keepAlive ? `Connection: keep-alive\r\nKeep-Alive: timeout=${keepAliveSeconds}\r\n\r\n` : 'Connection: close\r\n\r\n';
  if (/[^\x00-\x7f]/.test(text)) return undefined;
  return head ? text : text + out.body;
}

class Connection {
  readonly socket: Socket;
  private readonly reader: RequestReader;
  private readonly responder: Responder;
  private readonly options: Required<LeanOptions>;
  private busy = false;
  private closing = false;
  /** The client shut its side: answer what was read, then close. */
  private ended = false;
  /** At least one answer was written (the connection is a kept-alive one). */
  private served = false;
  /** When the request being read started, or when the connection became idle. */
  since = Date.now();

  constructor(socket: Socket, responder: Responder, options: Required<LeanOptions>) {
    this.socket = socket;
    this.responder = responder;
    this.options = options;
    this.reader = new RequestReader(responder.maxBodyBytes);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      if (this.reader.idle && !this.busy) this.since = Date.now();
      this.reader.push(chunk);
      this.pump();
    });
    socket.on('end', () => {
      this.ended = true;
      this.pump();
    });
    socket.on('error', () => socket.destroy());
  }

  /** Closes the connection when a deadline passed (called by the server's sweeper). */
  sweep(now: number): void {
    if (this.busy || this.closing) return;
    const o = this.options;
    // Between requests the keep-alive limit applies; a new connection waits for its first
    // request as long as a slow head may take (node:http starts headersTimeout at connect).
    if (this.reader.idle && this.served) {
      // A second more than announced in `Keep-Alive: timeout=`, like node:http's
      // keepAliveTimeoutBuffer: a client reusing the socket right at the limit does not lose
      // its request to our close.
      if (now - this.since > o.keepAliveTimeoutMs + KEEP_ALIVE_GRACE_MS) this.socket.destroy();
    } else if (now - this.since > (this.reader.inBody ? o.requestTimeoutMs : o.headersTimeoutMs)) {
      this.closing = true;
      this.socket.end(bare(408));
    }
  }

  private pump(): void {
    while (!this.busy && !this.closing) {
      const ev = this.reader.next();
      if (!ev) {
        // After the client's FIN nothing more can come: an unfinished request is malformed.
        if (this.ended) {
          this.closing = true;
          if (this.reader.idle) this.socket.end();
          else this.socket.end(bare(400));
        }
        return;
      }
      if (ev.kind === 'continue') {
        this.socket.write(CONTINUE);
      } else if (ev.kind === 'error') {
        this.closing = true;
        this.socket.end(bare(ev.status));
      } else if (ev.request.tooLarge) {
        this.write(ev.request, this.responder.tooLarge(ev.request));
      } else {
        this.busy = true;
        const request = ev.request;
        this.responder.respond(request).then(
          (out) => {
            this.busy = false;
            this.write(request, out);
            this.pump();
          },
          () => this.socket.destroy(),
        );
      }
    }
  }

  private write(request: ReadRequest, out: WireResponse): void {
    if (this.socket.destroyed) return;
    const keepAlive = request.keepAlive;
    const head = request.method === 'HEAD';
    const text = serialize(out, keepAlive, head, Math.floor(this.options.keepAliveTimeoutMs / 1000));
    if (text !== undefined) {
      this.socket.write(text);
    } else {
      // Non-ASCII header text (an echoed Origin): headers go out as latin1, as node:http sends them.
      const headOnly = serialize({ ...out, body: '' }, keepAlive, true, Math.floor(this.options.keepAliveTimeoutMs / 1000)) ?? '';
      this.socket.write(Buffer.from(headOnly, 'latin1'));
      if (!head) this.socket.write(out.body);
    }
    this.since = Date.now();
    this.served = true;
    if (!keepAlive) {
      this.closing = true;
      this.socket.end();
    }
  }
}

export interface LeanServer {
  server: Server;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

export function createLeanServer(responder: Responder, options: LeanOptions = {}): LeanServer {
  const o: Required<LeanOptions> = {
    keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? 5000,
    headersTimeoutMs: options.headersTimeoutMs ?? 60_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 300_000,
  };
  const connections = new Set<Connection>();
  // Half-open sockets, as node:http has them: a client may shut its side after sending.
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    const c = new Connection(socket, responder, o);
    connections.add(c);
    socket.once('close', () => connections.delete(c));
  });
  // One timer for all connections instead of one per socket and request.
  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const c of connections) c.sweep(now);
  }, Math.min(1000, o.keepAliveTimeoutMs));
  sweeper.unref();
  return {
    server,
    close() {
      clearInterval(sweeper);
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const c of connections) c.socket.destroy();
      });
    },
  };
}
