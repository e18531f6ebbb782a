// An incremental HTTP/1.1 request reader (RFC 9112) for the lean transport (lean.ts): bytes go
// in as they arrive, complete requests come out, one at a time and in order (pipelining).
// It accepts what the AWS SDK, curl and browsers send — Content-Length or chunked bodies,
// `Expect: 100-continue`, keep-alive and `Connection: close`, HTTP/1.0 — and refuses what
// node:http's parser (llhttp, strict mode) refuses, with the same statuses: 400 for malformed
// requests (bad request line or unknown method, header syntax, obsolete line folding,
// Content-Length together with Transfer-Encoding, a second Content-Length, codings other than
// chunked, an HTTP/1.1 request without Host), 431 for a head above 16 KiB, 417 for an Expect
// other than 100-continue. Not read: HTTP/0.9 request lines (no version), refused with 400.
// https://www.rfc-editor.org/rfc/rfc9112 · https://nodejs.org/api/http.html#httpmaxheadersize

import { METHODS, type IncomingHttpHeaders } from 'node:http';

/** node:http's default --max-http-header-size. */
export const MAX_HEAD_BYTES = 16 * 1024;

export interface ReadRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Whether the connection stays open after the answer. */
  keepAlive: boolean;
  /** The body passed the limit: its bytes were read and dropped. */
  tooLarge: boolean;
}

export type ReadEvent =
  | { kind: 'request'; request: ReadRequest }
  /** The head asked `Expect: 100-continue` and its body has not fully arrived. */
  | { kind: 'continue' }
  /** The request cannot be read; answer `status` and close. */
  | { kind: 'error'; status: 400 | 417 | 431 };

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// llhttp knows a fixed list of methods and refuses any other.
const KNOWN_METHODS = new Set(METHODS);
// The target: origin-form (/path), asterisk-form (*) or absolute-form (scheme://...), in
// printable ASCII (RFC 9112 §3.2).
const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\/[\x21-\x7e]*|\*|[A-Za-z][A-Za-z0-9+.-]*:\/\/[\x21-\x7e]*) HTTP\/1\.([01])$/;
const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
const BAD_VALUE = /[\x00-\x08\x0a-\x1f\x7f]/;
const CHUNK_SIZE = /^([0-9A-Fa-f]{1,16})[ \t]*(;.*)?$/;
// Headers node:http keeps the first of when repeated (the rest it joins with ", "):
// https://nodejs.org/api/http.html#messageheaders
const SINGLE = new Set(['age', 'authorization', 'content-length', 'content-type', 'etag', 'expires', 'from', 'host', 'if-modified-since', 'if-unmodified-since', 'last-modified', 'location', 'max-forwards', 'proxy-authorization', 'referer', 'retry-after', 'server', 'user-agent']);

// Reader states: a head, a Content-Length body, or the parts of a chunked body.
const HEAD = 0;
const LENGTH = 1;
const CHUNK_SIZE_LINE = 2;
const CHUNK_DATA = 3;
const CHUNK_END = 4;
const TRAILERS = 5;
type State = 0 | 1 | 2 | 3 | 4 | 5;

/** Space and tab are the only optional whitespace around a header value. */
function trimOws(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s.charCodeAt(a) === 32 || s.charCodeAt(a) === 9)) a++;
  while (b > a && (s.charCodeAt(b - 1) === 32 || s.charCodeAt(b - 1) === 9)) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

export class RequestReader {
  private readonly maxBody: number;
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private state: State = HEAD;
  private failed = false;
  /** Where the last search for the end of the head stopped (no rescans of a slow head). */
  private searched = 0;
  // The request being read.
  private method = '';
  private url = '';
  private headers: IncomingHttpHeaders = {};
  private keepAlive = true;
  private expectContinue = false;
  private remaining = 0;
  private parts: Buffer[] = [];
  private size = 0;
  private tooLarge = false;

  constructor(maxBody: number) {
    this.maxBody = maxBody;
  }

  /** No bytes of a next request are waiting. */
  get idle(): boolean {
    return this.state === HEAD && this.pos === this.buf.length;
  }

  /** The head of the request being read is complete (its body may be pending). */
  get inBody(): boolean {
    return this.state !== HEAD;
  }

  push(chunk: Buffer): void {
    if (this.pos === this.buf.length) this.buf = chunk;
    else this.buf = Buffer.concat([this.buf.subarray(this.pos), chunk]);
    this.searched = Math.max(0, this.searched - this.pos);
    this.pos = 0;
  }

  /** The next event the buffered bytes allow, or undefined when more bytes are needed. */
  next(): ReadEvent | undefined {
    if (this.failed) return undefined;
    for (;;) {
      switch (this.state) {
        case HEAD: {
          const ev = this.readHead();
          if (ev !== null) return ev;
          break;
        }
        case LENGTH: {
          const take = Math.min(this.remaining, this.buf.length - this.pos);
          this.collect(this.buf.subarray(this.pos, this.pos + take));
          this.pos += take;
          this.remaining -= take;
          if (this.remaining > 0) return undefined;
          return this.finish();
        }
        case CHUNK_SIZE_LINE: {
          const line = this.line();
          if (line === undefined) return this.pendingLine();
          const m = CHUNK_SIZE.exec(line);
          if (!m) return this.fail(400);
          this.remaining = parseInt(m[1]!, 16);
          this.state = this.remaining === 0 ? TRAILERS : CHUNK_DATA;
          break;
        }
        case CHUNK_DATA: {
          const take = Math.min(this.remaining, this.buf.length - this.pos);
          this.collect(this.buf.subarray(this.pos, this.pos + take));
          this.pos += take;
          this.remaining -= take;
          if (this.remaining > 0) return undefined;
          this.state = CHUNK_END;
          break;
        }
        case CHUNK_END: {
          if (this.buf.length - this.pos < 2) return undefined;
          if (this.buf[this.pos] !== 13 || this.buf[this.pos + 1] !== 10) return this.fail(400);
          this.pos += 2;
          this.state = CHUNK_SIZE_LINE;
          break;
        }
        case TRAILERS: {
          // Trailer fields are read and dropped (node:http keeps them apart from headers).
          const line = this.line();
          if (line === undefined) return this.pendingLine();
          if (line === '') return this.finish();
          if (line.indexOf(':') <= 0 || BAD_VALUE.test(line)) return this.fail(400);
          break;
        }
      }
    }
  }

  /** One CRLF-terminated line of chunk framing, or undefined until it is complete. */
  private line(): string | undefined {
    const end = this.buf.indexOf(CRLF, this.pos);
    if (end < 0) return undefined;
    const text = this.buf.toString('latin1', this.pos, end);
    this.pos = end + 2;
    return text;
  }

  /** A framing line still incomplete: fine unless it is already longer than any valid one. */
  private pendingLine(): ReadEvent | undefined {
    return this.buf.length - this.pos > MAX_HEAD_BYTES ? this.fail(400) : undefined;
  }

  private collect(part: Buffer): void {
    if (part.length === 0) return;
    this.size += part.length;
    if (this.size > this.maxBody) this.tooLarge = true;
    // A view, not a copy: socket chunks are never reused, push() only replaces `buf`.
    if (!this.tooLarge) this.parts.push(part);
  }

  private fail(status: 400 | 417 | 431): ReadEvent {
    this.failed = true;
    return { kind: 'error', status };
  }

  private finish(): ReadEvent {
    const body = this.tooLarge ? Buffer.alloc(0) : this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    const request: ReadRequest = { method: this.method, url: this.url, headers: this.headers, body, keepAlive: this.keepAlive, tooLarge: this.tooLarge };
    this.state = HEAD;
    this.parts = [];
    this.size = 0;
    this.tooLarge = false;
    return { kind: 'request', request };
  }

  /** Parses a complete head; null when it moved to a body state, undefined when incomplete. */
  private readHead(): ReadEvent | undefined | null {
    const buf = this.buf;
    // RFC 9112 §2.2: empty lines before a request line are ignored (llhttp skips any CR and LF).
    while (this.pos < buf.length && (buf[this.pos] === 13 || buf[this.pos] === 10)) this.pos++;
    const end = buf.indexOf(HEAD_END, Math.max(this.pos, this.searched - 3));
    if (end < 0) {
      this.searched = buf.length;
      return buf.length - this.pos > MAX_HEAD_BYTES ? this.fail(431) : undefined;
    }
    if (end - this.pos > MAX_HEAD_BYTES) return this.fail(431);
    const lines = buf.toString('latin1', this.pos, end).split('\r\n');
    this.pos = end + 4;
    this.searched = this.pos;
    const m = REQUEST_LINE.exec(lines[0]!);
    if (!m || !KNOWN_METHODS.has(m[1]!)) return this.fail(400);
    const http10 = m[3] === '0';
    // No prototype: a header called `constructor` or `__proto__` is just a header.
    const headers: IncomingHttpHeaders = Object.create(null);
    let lengths = 0;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const colon = line.indexOf(':');
      if (colon <= 0) return this.fail(400);
      const rawName = line.slice(0, colon);
      if (!TOKEN.test(rawName)) return this.fail(400);
      const value = trimOws(line.slice(colon + 1));
      if (BAD_VALUE.test(value)) return this.fail(400);
      const name = rawName.toLowerCase();
      if (name === 'content-length') lengths++;
      const prev = headers[name] as string | undefined;
      if (prev === undefined) headers[name] = value;
      else if (!SINGLE.has(name)) headers[name] = `${prev}, ${value}`;
    }
    // node:http's requireHostHeader (on by default): an HTTP/1.1 request names its host.
    if (!http10 && headers.host === undefined) return this.fail(400);
    const te = headers['transfer-encoding'] as string | undefined;
    const cl = headers['content-length'];
    if (lengths > 1 || (te !== undefined && cl !== undefined)) return this.fail(400);
    const connection = ((headers.connection as string | undefined) ?? '').toLowerCase();
    this.keepAlive = http10 ? /(^|,)\s*keep-alive\s*(,|$)/.test(connection) : !/(^|,)\s*close\s*(,|$)/.test(connection);
    const expect = headers.expect as string | undefined;
    this.expectContinue = false;
    if (expect !== undefined) {
      if (expect.toLowerCase() !== '100-continue') return this.fail(417);
      this.expectContinue = !http10;
    }
    this.method = m[1]!;
    this.url = m[2]!;
    this.headers = headers;
    if (te !== undefined) {
      if (te.toLowerCase() !== 'chunked') return this.fail(400);
      this.state = CHUNK_SIZE_LINE;
    } else if (cl !== undefined) {
      if (!/^\d{1,15}$/.test(cl)) return this.fail(400);
      this.remaining = Number(cl);
      if (this.remaining === 0) return this.finish();
      this.state = LENGTH;
    } else {
      return this.finish();
    }
    // The body is pending: ask for it when the client waits for a 100 (RFC 9110 §10.1.1).
    if (this.expectContinue && this.bodyIncomplete()) return { kind: 'continue' };
    return null;
  }

  private bodyIncomplete(): boolean {
    return this.state !== LENGTH || this.buf.length - this.pos < this.remaining;
  }
}
