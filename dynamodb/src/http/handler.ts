// The HTTP front end, in the order DynamoDB checks a request: size, method/content type,
// JSON body (SerializationException), target (UnknownOperationException), authentication,
// then the operation. Every answer carries x-amzn-RequestId and x-amz-crc32 (the SDK checks
// the CRC32 of the body: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html#Programming.LowLevelAPI.DataIntegrity).
//
// The responder below knows nothing of sockets: it turns a complete request into a complete
// response. Two transports feed it: `lean.ts` (the default, its own HTTP/1.1 reader on
// node:net) and node:http through `createHandler` (the `transport: 'node'` option, and the
// engine's second listener, labs/engine/backends/embedded/dynamo-server-log.ts).

import { randomFillSync } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
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

/** A complete request; header names in lower case, as node:http gives them. */
export interface WireRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A complete response: `headers` is a flat [name, value, ...] list including Content-Length. */
export interface WireResponse {
  status: number;
  headers: string[];
  body: string;
}

export interface Responder {
  respond(req: WireRequest): Promise<WireResponse>;
  /** The answer to a body above the limit (the transport stops collecting it). */
  tooLarge(req: Pick<WireRequest, 'headers'>): WireResponse;
  maxBodyBytes: number;
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

const JSON_CONTENT = 'application/x-amz-json-1.0';

function answer(cors: string[] | undefined, id: string, status: number, body: string, contentType = JSON_CONTENT): WireResponse {
  const headers = [
    'x-amzn-RequestId',
    id,
    'Content-Type',
    contentType,
    'Content-Length',
    String(Buffer.byteLength(body)),
    'x-amz-crc32',
    String(crc32(body)),
  ];
  return { status, headers: cors ? [...cors, ...headers] : headers, body };
}

const errorAnswer = (cors: string[] | undefined, id: string, err: DynamoError) => answer(cors, id, err.status, JSON.stringify(err.toBody()), JSON_CONTENT);

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** DynamoDB Local's -cors exposes the headers the SDK reads; preflights get the allowances. */
function corsHeaders(req: Pick<WireRequest, 'headers'>, preflight: boolean): string[] {
  const h = req.headers;
  const list = ['Access-Control-Allow-Origin', first(h.origin) ?? '*', 'Access-Control-Expose-Headers', 'x-amzn-RequestId, x-amz-crc32, x-amz-id-2'];
  if (!preflight) return list;
  list.push(
    'Access-Control-Allow-Methods',
    first(h['access-control-request-method']) ?? 'POST, GET, OPTIONS',
    'Access-Control-Allow-Headers',
    first(h['access-control-request-headers']) ?? 'authorization, content-type, x-amz-date, x-amz-target, x-amz-user-agent',
    'Access-Control-Max-Age',
    '172800',
  );
  return list;
}

export function createResponder(options: HttpOptions, registry: Registry, store: Store): Responder {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;

  async function handle(req: WireRequest, id: string, cors: string[] | undefined): Promise<WireResponse> {
    if (req.method === 'GET' && (req.url === '/' || req.url === '')) {
      // The real endpoint answers health checks with this exact text.
      return answer(cors, id, 200, 'healthy: dynamodb.us-east-1.amazonaws.com ', 'text/plain');
    }
    const raw = req.body;
    const given = first(req.headers['content-type']) ?? '';
    const contentType = given === JSON_CONTENT ? given : given.split(';')[0]!.trim().toLowerCase();
    if (req.method !== 'POST' || (raw.length && !JSON_TYPES.has(contentType))) {
      return answer(cors, id, 404, '<UnknownOperationException/>\n', 'text/plain');
    }
    let body: unknown = undefined;
    if (raw.length) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return errorAnswer(cors, id, serialization(''));
      }
    }
    const target = String(req.headers['x-amz-target'] ?? '');
    const handler = registry.get(target);
    if (!handler) return errorAnswer(cors, id, unknownOperation());
    const cred = parseAuthorization(req.headers);
    if (options.requireSignature) {
      verifySignature(cred, req.method, req.url || '/', req.headers, raw, options.credentials ?? {}, (options.now ?? Date.now)());
    }
    if (body === undefined || typeof body !== 'object' || body === null || Array.isArray(body)) {
      return errorAnswer(cors, id, serialization(Array.isArray(body) ? 'Start of list found where not expected' : ''));
    }
    const region = options.regions?.includes(cred.region) || !options.regions?.length ? cred.region : undefined;
    if (!region) {
      throw new DynamoError('UnrecognizedClientException', `Region '${cred.region}' is not served by this endpoint.`);
    }
    const operation = target.slice(target.indexOf('.') + 1);
    const result = await handler(body as Record<string, unknown>, { store, namespace: cred.accessKeyId, region, operation });
    return answer(cors, id, 200, JSON.stringify(result ?? {}));
  }

  return {
    maxBodyBytes,
    async respond(req) {
      const id = requestId();
      let cors: string[] | undefined;
      if (options.cors) {
        const preflight = req.method === 'OPTIONS';
        cors = corsHeaders(req, preflight);
        if (preflight) return { status: 200, headers: [...cors, 'x-amzn-RequestId', id, 'Content-Length', '0'], body: '' };
      }
      try {
        return await handle(req, id, cors);
      } catch (err) {
        if (!(err instanceof DynamoError)) console.error('[dynamodb] internal error', err);
        return errorAnswer(cors, id, err instanceof DynamoError ? err : internalServerError());
      }
    },
    tooLarge(req) {
      return errorAnswer(options.cors ? corsHeaders(req, false) : undefined, requestId(), requestTooLarge());
    },
  };
}

/** The responder as a node:http request listener (`transport: 'node'`, the engine's admin listener). */
export function createHandler(options: HttpOptions, registry: Registry, store: Store) {
  const responder = createResponder(options, registry, store);
  return (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > responder.maxBodyBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const write = (out: WireResponse) => {
        if (res.headersSent || res.destroyed) return;
        res.writeHead(out.status, out.headers);
        res.end(out.body);
      };
      if (tooLarge) return write(responder.tooLarge(req));
      // A small body arrives in one chunk: no copy then.
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      void responder.respond({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body }).then(write);
    });
  };
}
