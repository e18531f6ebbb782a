// One client connection: reassembles frames from the TCP stream and answers them in order.
// A malformed frame is logged and closes only this connection.
import type { Socket } from 'node:net';
import type { Document } from 'bson';
import { buildMsg, buildReply, MAX_MESSAGE_SIZE, MORE_TO_COME, OP_COMPRESSED, parseMessage, ProtocolError, readHeader, type Request } from './protocol.ts';
import type { ConnectionContext } from '../core.ts';

export type Dispatch = (conn: ConnectionContext, body: Document, legacy: boolean) => Promise<Document>;

let nextConnectionId = 1;
let nextRequestId = 1;

export class Connection implements ConnectionContext {
  readonly id = nextConnectionId++;
  readonly remoteAddress: string;
  readonly state = new Map<string, unknown>();
  private socket: Socket;
  private dispatch: Dispatch;
  private log: (msg: string) => void;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private queue: Promise<void> = Promise.resolve();
  private closers: Array<() => void> = [];
  private closed = false;

  constructor(socket: Socket, dispatch: Dispatch, log: (msg: string) => void) {
    this.socket = socket;
    this.dispatch = dispatch;
    this.log = log;
    this.remoteAddress = `${socket.remoteAddress}:${socket.remotePort}`;
    socket.setNoDelay(true);
    socket.on('data', (d) => this.onData(d));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  onClose(fn: () => void): void { this.closers.push(fn); }

  close(reason?: string): void {
    if (this.closed) return;
    this.closed = true;
    if (reason) this.log(`connection ${this.id} (${this.remoteAddress}) closed: ${reason}`);
    this.socket.destroy();
    for (const fn of this.closers) {
      try { fn(); } catch { /* a plugin's cleanup must not break others */ }
    }
  }

  private onData(d: Buffer): void {
    this.chunks.push(d);
    this.buffered += d.length;
    while (!this.closed && this.buffered >= 4) {
      const head = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      this.chunks = [head];
      const length = head.readInt32LE(0);
      if (length < 16 || length > MAX_MESSAGE_SIZE) {
        this.close(`invalid message length ${length} (max ${MAX_MESSAGE_SIZE})`);
        return;
      }
      if (head.length < length) return;
      const msg = head.subarray(0, length);
      const rest = head.subarray(length);
      this.chunks = rest.length ? [rest] : [];
      this.buffered = rest.length;
      this.handle(Buffer.from(msg));
    }
  }

  private handle(msg: Buffer): void {
    if (readHeader(msg).opCode === OP_COMPRESSED) {
      this.close('OP_COMPRESSED is not supported (no compressors are advertised)');
      return;
    }
    let req: Request;
    try {
      req = parseMessage(msg);
    } catch (e) {
      this.close(e instanceof ProtocolError ? e.message : `bad message: ${(e as Error).message}`);
      return;
    }
    this.queue = this.queue.then(() => this.answer(req)).catch((e) => this.close(`reply failed: ${(e as Error).message}`));
  }

  private async answer(req: Request): Promise<void> {
    if (this.closed) return;
    const reply = await this.dispatch(this, req.body, req.kind === 'query');
    if (this.closed) return;
    if (req.kind === 'msg' && req.flags & MORE_TO_COME) return;
    const build = req.kind === 'msg' ? buildMsg : buildReply;
    let out: Buffer;
    try {
      out = build(nextRequestId++, req.header.requestId, reply);
    } catch (e) {
      // A reply that can't be serialised (e.g. over 16 MiB) becomes an error, not a crash.
      out = build(nextRequestId++, req.header.requestId, { ok: 0, errmsg: `reply could not be encoded: ${(e as Error).message}`, code: 10334, codeName: 'BSONObjectTooLarge' });
    }
    this.socket.write(out);
  }
}
