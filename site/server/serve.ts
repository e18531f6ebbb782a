// The one-process server: the built site (dist/) and the lab API (/api/…) on one port.
// node:http only. `serve()` is what the CLI's `keyspace start` and scripts/start.ts call;
// `main()` is the command-line entry (builds if needed, starts the real engine).
// Design notes: site/server/README.md.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../../labs/engine/api.ts';
import { route } from './api/router.ts';
import { sendJson, type ApiContext } from './api/context.ts';
import { HttpError, httpErrors } from './errors.ts';
import { learnerFor } from './learner.ts';
import { createStaticHandler } from './static.ts';

export const DEFAULT_DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
/** Runs and submits one learner may have in flight at once. */
export const MAX_IN_FLIGHT_PER_LEARNER = 2;

export interface ServeOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1; use 0.0.0.0 for a workshop on a LAN. */
  host?: string;
  engine: Engine;
  /** The built site. Default: dist/ at the repo root. */
  distDir?: string;
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Same-origin only: a browser's Origin header, when present, must name this server's host. */
function checkOrigin(req: IncomingMessage): void {
  const origin = req.headers.origin;
  if (!origin || req.method === 'GET' || req.method === 'HEAD') return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw httpErrors.forbiddenOrigin(origin);
  }
  if (host !== req.headers.host) throw httpErrors.forbiddenOrigin(origin);
}

export async function serve(opts: ServeOptions): Promise<Served> {
  const { engine } = opts;
  const serveStatic = createStaticHandler(opts.distDir ?? DEFAULT_DIST);
  const submitted = new Set<string>();
  const inFlight = new Map<string, number>();

  async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const abort = new AbortController();
    // The client went away before we answered: stop grading for it.
    res.on('close', () => !res.writableFinished && abort.abort());
    try {
      const { handler, labId } = route(req.method ?? 'GET', pathname);
      checkOrigin(req);
      const learner = learnerFor(req, res);
      const ctx: ApiContext = {
        engine,
        learner,
        labId,
        signal: abort.signal,
        submitted,
        acquireSlot() {
          const n = inFlight.get(learner) ?? 0;
          if (n >= MAX_IN_FLIGHT_PER_LEARNER) throw httpErrors.busy();
          inFlight.set(learner, n + 1);
          let released = false;
          return () => {
            if (released) return;
            released = true;
            const left = (inFlight.get(learner) ?? 1) - 1;
            if (left > 0) inFlight.set(learner, left);
            else inFlight.delete(learner);
          };
        },
      };
      await handler(req, res, ctx);
    } catch (err) {
      if (abort.signal.aborted) return;
      const e = err instanceof HttpError ? err : httpErrors.internal();
      if (!(err instanceof HttpError)) console.error('[keyspace] API error', err);
      if (res.headersSent) return void res.end();
      for (const [k, v] of Object.entries(e.headers)) res.setHeader(k, v);
      sendJson(res, e.status, e.body());
    }
  }

  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const work = pathname === '/api' || pathname.startsWith('/api/') ? handleApi(req, res, pathname) : serveStatic(req, res, pathname);
    work.catch((err) => {
      console.error('[keyspace] request failed', err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end();
    });
  });
  // Long-running submits must not be cut by the default request timeout.
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const hostForUrl = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address === '0.0.0.0' ? '127.0.0.1' : addr.address;
  return {
    url: `http://${hostForUrl}:${addr.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function parseArgs(argv: string[]): { port: number; host: string } {
  let port = Number(process.env.PORT ?? 4321);
  let host = process.env.HOST ?? '127.0.0.1';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--port') port = Number(argv[++i]);
    else if (argv[i] === '--host') host = argv[++i]!;
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got ${port}`);
  return { port, host };
}

/** Build the site if it is stale, start the engine and serve until SIGINT/SIGTERM. */
export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { port, host } = parseArgs(argv);
  const { ensureBuilt } = await import('./build.ts');
  await ensureBuilt();
  const { createEngine } = await import('../../labs/engine/engine.ts');
  const engine = await createEngine({ onProgress: (m) => console.log(`[keyspace] ${m}`) });
  const served = await serve({ port, host, engine });
  console.log(`[keyspace] course at ${served.url}/`);
  // A bug in one lab's checks (a promise rejected with no handler) must not take the course
  // down for every learner on a workshop server: log it and keep serving.
  process.on('unhandledRejection', (reason) => console.error('[keyspace] unhandled rejection (still serving):', reason));
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    console.log('[keyspace] shutting down…');
    await served.close();
    await engine.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (import.meta.main) await main();
