// The HTTP front end, in the order DynamoDB checks a request: size, method/content type,
// JSON body (SerializationException), target (UnknownOperationException), authentication,
// then the operation. Every answer carries x-amzn-RequestId and x-amz-crc32 (the SDK checks
// the CRC32 of the body: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html#Programming.LowLevelAPI.DataIntegrity).

import { randomFillSync } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { crc32 } from 'node:zlib';
import { DynamoError, internalServerError, requestTooLarge, serialization, unknownOperation } from '../errors.ts';
import type { Store } from '../storage/store.ts';
import { parseAuthorization, verifySignature } from './auth.ts';
import type { Registry } from './registry.ts';

export interface HttpOptions {
  requireSignature?: boolean;
  credentials?: Record<string, string>;
  cors?: boolean;
  regions?: string[];
  maxBodyBytes?: number;
  now?: () => number;
}

const JSON_TYPES = new Set(['application/x-amz-json-1.0', 'application/json']);
// DynamoDB rejects request bodies above 16 MB (BatchWriteItem's documented maximum).
const DEFAULT_MAX_BODY = 16 * 1024 * 1024;

// Request ids look like DynamoDB's: 52 characters of [A-Z0-9] (upper-cased base64 of 39
// random bytes, with + and / as 0). Random bytes come from a pool refilled in bulk: one
// randomFillSync call per 78 requests rather than one randomBytes call per request.
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ012345678900';
const ID_LENGTH = 52;
const idPool = Buffer.alloc(ID_LENGTH * 78);
let idOffset = idPool.length;

function requestId(): string {
  if (idOffset === idPool.length) {
    randomFillSync(idPool);
    idOffset = 0;
  }
  let id = '';
  for (let i = 0; i < ID_LENGTH; i++) id += ID_ALPHABET[idPool[idOffset++]! & 63];
  return id;
}

/**
 * Answers with every header in one writeHead call: a flat header list skips the per-header
 * bookkeeping of setHeader (CORS headers, when enabled, were set before and are merged in).
 */
function send(res: ServerResponse, id: string, status: number, body: string, contentType = 'application/x-amz-json-1.0'): void {
  if (res.headersSent) return;
  res.writeHead(status, [
    'x-amzn-RequestId',
    id,
    'Content-Type',
    contentType,
    'Content-Length',
    String(Buffer.byteLength(body)),
    'x-amz-crc32',
    String(crc32(body)),
  ]);
  res.end(body);
}

function sendError(res: ServerResponse, id: string, err: DynamoError): void {
  send(res, id, err.status, JSON.stringify(err.toBody()));
}

/** DynamoDB Local's -cors answers preflights and exposes the headers the SDK reads. */
function applyCors(req: IncomingMessage, res: ServerResponse, id: string): boolean {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
  res.setHeader('Access-Control-Expose-Headers', 'x-amzn-RequestId, x-amz-crc32, x-amz-id-2');
  if (req.method !== 'OPTIONS') return false;
  res.setHeader('Access-Control-Allow-Methods', req.headers['access-control-request-method'] ?? 'POST, GET, OPTIONS');
  res.setHeader(
    'Access-Control-Allow-Headers',
    req.headers['access-control-request-headers'] ?? 'authorization, content-type, x-amz-date, x-amz-target, x-amz-user-agent',
  );
  res.setHeader('Access-Control-Max-Age', '172800');
  res.setHeader('x-amzn-RequestId', id);
  res.statusCode = 200;
  res.setHeader('Content-Length', 0);
  res.end();
  return true;
}

export function createHandler(options: HttpOptions, registry: Registry, store: Store) {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  return (req: IncomingMessage, res: ServerResponse): void => {
    const id = requestId();
    if (options.cors && applyCors(req, res, id)) {
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (tooLarge) return sendError(res, id, requestTooLarge());
      // A small body arrives in one chunk: no copy then.
      const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      handle(req, res, id, raw).catch((err: unknown) => {
        sendError(res, id, err instanceof DynamoError ? err : internalServerError());
        if (!(err instanceof DynamoError)) console.error('[dynamodb] internal error', err);
      });
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse, id: string, raw: Buffer): Promise<void> {
    if (req.method === 'GET' && (req.url === '/' || req.url === '')) {
      // The real endpoint answers health checks with this exact text.
      return send(res, id, 200, 'healthy: dynamodb.us-east-1.amazonaws.com ', 'text/plain');
    }
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (req.method !== 'POST' || (raw.length && !JSON_TYPES.has(contentType))) {
      return send(res, id, 404, '<UnknownOperationException/>\n', 'text/plain');
    }
    let body: unknown = undefined;
    if (raw.length) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return sendError(res, id, serialization(''));
      }
    }
    const target = String(req.headers['x-amz-target'] ?? '');
    const handler = registry.get(target);
    if (!handler) return sendError(res, id, unknownOperation());
    const cred = parseAuthorization(req.headers);
    if (options.requireSignature) {
      verifySignature(cred, req.method, req.url ?? '/', req.headers, raw, options.credentials ?? {}, (options.now ?? Date.now)());
    }
    if (body === undefined || typeof body !== 'object' || body === null || Array.isArray(body)) {
      return sendError(res, id, serialization(Array.isArray(body) ? 'Start of list found where not expected' : ''));
    }
    const region = options.regions?.includes(cred.region) || !options.regions?.length ? cred.region : undefined;
    if (!region) {
      throw new DynamoError('UnrecognizedClientException', `Region '${cred.region}' is not served by this endpoint.`);
    }
    const operation = target.slice(target.indexOf('.') + 1);
    const result = await handler(body as Record<string, unknown>, { store, namespace: cred.accessKeyId, region, operation });
    send(res, id, 200, JSON.stringify(result ?? {}));
  }
}
