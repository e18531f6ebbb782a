// ctx.dynamodb.operations() for the embedded emulator, fed by the emulator itself rather than by a
// proxy in front of it. Learner code can open TCP connections on loopback (Node's permission
// model has no network switch), so a proxy could be bypassed by talking to the emulator
// directly; the emulator's own per-request log (`onOperation`, dynamodb/README.md) cannot.
//
// Two things the emulator's log entries lack are added here:
//   - the request body: the registry's handlers are wrapped so each request runs inside an
//     AsyncLocalStorage holding its body, which `onOperation` (called at the end of the same
//     request) reads back (https://nodejs.org/api/async_context.html#class-asynclocalstorage);
//   - who asked: the checks' own clients use the learner's access key id (that is the namespace)
//     but reach the emulator through a second listener on the same registry and store that
//     requires a per-engine secret header. That listener is started inside a "trusted" async
//     context, which every connection it accepts inherits, so its requests are not recorded.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamoOperation } from '../../contracts/checks.ts';

const MAX_LOG = 5_000;
/** Header carrying the engine's secret on the checks' requests. */
export const ADMIN_HEADER = 'x-keyspace-admin';

/** The emulator's log entry (dynamodb/src/actions/context.ts OpLogEntry), as far as used here. */
export interface EmulatorEntry {
  operation: string;
  namespace: string;
  table?: string;
  index?: string;
  count?: number;
  scannedCount?: number;
  error?: string;
}

type Handler = (body: Record<string, unknown>, ctx: unknown) => unknown;

/** The parts of the emulator's DynamoServer this needs. */
export interface EmulatorServer {
  registry: { get(target: string): Handler | undefined };
  store: unknown;
  options: unknown;
}

export type CreateHandler = (options: never, registry: never, store: never) => RequestListener;

function statusOf(error: string | undefined): number {
  if (!error) return 200;
  return error === 'InternalServerError' ? 500 : 400;
}

export class ServerOperationLog {
  private readonly logs = new Map<string, DynamoOperation[]>();
  private readonly bodies = new AsyncLocalStorage<Record<string, unknown>>();
  private readonly trusted = new AsyncLocalStorage<true>();
  private admin: Server | null = null;
  /** Secret the checks' clients send in ADMIN_HEADER. */
  readonly secret = randomBytes(24).toString('hex');
  adminEndpoint = '';

  /** Pass as startDynamo's `onOperation`. */
  readonly onOperation = (entry: EmulatorEntry): void => {
    if (this.trusted.getStore()) return;
    const request = this.bodies.getStore() ?? {};
    const op: DynamoOperation = { operation: entry.operation, request, status: statusOf(entry.error) };
    // The emulator notes the table once it found it; a failed request still names it, as the proxy does.
    const table = entry.table ?? request.TableName;
    const index = entry.index ?? request.IndexName;
    if (typeof table === 'string') op.table = table;
    if (typeof index === 'string') op.index = index;
    if (entry.error !== undefined) op.error = entry.error;
    if (entry.operation === 'Query' || entry.operation === 'Scan') {
      if (entry.count !== undefined) op.count = entry.count;
      if (entry.scannedCount !== undefined) op.scannedCount = entry.scannedCount;
    }
    let log = this.logs.get(entry.namespace);
    if (!log) this.logs.set(entry.namespace, (log = []));
    log.push(op);
    if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
  };

  /** Wrap the emulator's handlers (request bodies) and open the checks' listener. */
  async attach(server: EmulatorServer, createHandler: CreateHandler): Promise<void> {
    const registry = server.registry;
    const get = registry.get.bind(registry);
    registry.get = (target) => {
      const handler = get(target);
      if (!handler) return handler;
      // A copy taken before validation, so what checks see is what was sent.
      return (body, ctx) => (this.trusted.getStore() ? handler(body, ctx) : this.bodies.run(structuredClone(body), () => handler(body, ctx)));
    };
    const inner = (createHandler as (o: unknown, r: unknown, s: unknown) => RequestListener)(server.options, registry, server.store);
    const admin = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (req.headers[ADMIN_HEADER] !== this.secret) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden\n');
        req.resume();
        return;
      }
      inner(req, res);
    });
    admin.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => this.trusted.run(true, () => admin.listen(0, '127.0.0.1', () => resolve())));
    this.admin = admin;
    this.adminEndpoint = `http://127.0.0.1:${(admin.address() as AddressInfo).port}`;
  }

  /** The learner's operations for an access key id, oldest first. */
  operations(accessKeyId: string): DynamoOperation[] {
    return this.logs.get(accessKeyId) ?? [];
  }

  clear(accessKeyId: string): void {
    this.logs.delete(accessKeyId);
  }

  async close(): Promise<void> {
    const s = this.admin;
    this.admin = null;
    if (!s) return;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  }
}
