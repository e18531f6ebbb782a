// Serves the built site (dist/): MIME types, caching and gzip. Hashed assets (Vite's /_astro/
// files, content-hashed typing chunks) are immutable; everything else is revalidated with an
// ETag. Unknown paths get dist/404.html with status 404.
// https://developer.mozilla.org/docs/Web/HTTP/Guides/Caching
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  // Pagefind's index fragments and metadata are binary.
  '.pf_fragment': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.xml', '.map']);
const IMMUTABLE = [/^\/_astro\//, /^\/_keyspace\/typings\/.+\.[0-9a-f]{12}\.json$/];

export function contentType(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** dist-relative file for a URL path, or null if it escapes dist. Directories map to index.html. */
export function resolveStatic(distDir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = normalize(join(distDir, decoded));
  if (full !== distDir && !full.startsWith(distDir.endsWith(sep) ? distDir : distDir + sep)) return null;
  return full;
}

export function createStaticHandler(distDir: string) {
  const gzCache = new Map<string, { etag: string; body: Buffer }>();

  async function findFile(pathname: string): Promise<{ path: string; size: number; mtimeMs: number } | null> {
    const base = resolveStatic(distDir, pathname);
    if (!base) return null;
    for (const candidate of [base, join(base, 'index.html'), base + '.html']) {
      const s = await stat(candidate).catch(() => null);
      if (s?.isFile()) return { path: candidate, size: s.size, mtimeMs: s.mtimeMs };
    }
    return null;
  }

  return async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed');
      return;
    }
    let file = await findFile(pathname);
    let status = 200;
    if (!file) {
      file = await findFile('/404.html');
      status = 404;
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not found');
        return;
      }
    }
    const ext = extname(file.path).toLowerCase();
    const etag = `"${file.size.toString(36)}-${Math.floor(file.mtimeMs).toString(36)}"`;
    const headers: Record<string, string> = {
      'content-type': contentType(file.path),
      'x-content-type-options': 'nosniff',
      'cache-control': status === 404 ? 'no-store' : IMMUTABLE.some((r) => r.test(pathname)) ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag,
      vary: 'accept-encoding',
    };
    if (status === 200 && req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (gzip) {
      let cached = gzCache.get(file.path);
      if (!cached || cached.etag !== etag) {
        cached = { etag, body: gzipSync(await readFile(file.path)) };
        gzCache.set(file.path, cached);
      }
      res.writeHead(status, { ...headers, 'content-encoding': 'gzip', 'content-length': String(cached.body.length) });
      res.end(req.method === 'HEAD' ? undefined : cached.body);
      return;
    }
    res.writeHead(status, { ...headers, 'content-length': String(file.size) });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file.path).pipe(res);
  };
}
