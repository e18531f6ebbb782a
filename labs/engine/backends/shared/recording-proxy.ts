// A small HTTP proxy in front of a DynamoDB endpoint (our emulator or DynamoDB Local) that
// records every learner request: operation (X-Amz-Target), table, index, the request JSON, the
// status, and Count/ScannedCount of Query/Scan answers. Checks read it as ctx.dynamodb.operations()
// whatever the provider. Requests are grouped by the access key id in the SigV4 Authorization
// header (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html), which is
// the learner's namespace.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamoOperation } from '../../contracts/checks.ts';

const MAX_BODY = 17 * 1024 * 1024;
const MAX_LOG = 5_000;

function accessKeyOf(req: IncomingMessage): string {
  return /Credential=([^/,\s]+)\//.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
}

function parse(body: Buffer): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(body.toString('utf8'));
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) stream.destroy(new Error('request too large'));
      else chunks.push(c);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export class RecordingProxy {
  private server: Server | null = null;
  private readonly logs = new Map<string, DynamoOperation[]>();
  private readonly target: URL;
  endpoint = '';

  constructor(target: string) {
    this.target = new URL(target);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.forward(req).then(
        ({ status, headers, body }) => {
          res.writeHead(status, headers);
          res.end(body);
        },
        (e: Error) => {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(`keyspace proxy: ${e.message}`);
        },
      );
    });
    this.server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The operations recorded for an access key id, oldest first. */
  operations(accessKeyId: string): DynamoOperation[] {
    return this.logs.get(accessKeyId) ?? [];
  }

  clear(accessKeyId: string): void {
    this.logs.delete(accessKeyId);
  }

  private async forward(req: IncomingMessage): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    const body = await readBody(req);
    const headers = { ...req.headers, host: this.target.host };
    const answer = await new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>((resolve, reject) => {
      const out = request({ host: this.target.hostname, port: this.target.port, path: req.url, method: req.method, headers }, (res) => {
        readBody(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers as Record<string, string>, body: b }), reject);
      });
      out.on('error', reject);
      out.end(body);
    });
    this.record(req, body, answer.status, answer.body);
    return answer;
  }

  private record(req: IncomingMessage, body: Buffer, status: number, answer: Buffer): void {
    const target = String(req.headers['x-amz-target'] ?? '');
    if (!target) return;
    const operation = target.split('.').pop() ?? target;
    const request = parse(body);
    const op: DynamoOperation = { operation, request, status };
    if (typeof request.TableName === 'string') op.table = request.TableName;
    if (typeof request.IndexName === 'string') op.index = request.IndexName;
    if (operation === 'Query' || operation === 'Scan') {
      const res = parse(answer);
      if (typeof res.Count === 'number') op.count = res.Count;
      if (typeof res.ScannedCount === 'number') op.scannedCount = res.ScannedCount;
    }
    const key = accessKeyOf(req);
    let log = this.logs.get(key);
    if (!log) this.logs.set(key, (log = []));
    log.push(op);
    if (log.length > MAX_LOG) log.shift();
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  }
}
