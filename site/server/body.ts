// Reads and validates a JSON request body: content type, size cap while streaming (so a huge
// body is refused without buffering it), JSON syntax, then a zod schema.
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { httpErrors } from './errors.ts';

/** Read at most `limit` bytes of body; reject with 413 beyond it. */
export async function readBody(req: IncomingMessage, limit: number, tooLarge = () => httpErrors.payloadTooLarge(limit)): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`).join('; ');
}

/** Parse a JSON body against `schema`; 415/400/413 as HttpError. */
export async function readJson<S extends z.ZodType>(req: IncomingMessage, schema: S, limit: number, tooLarge?: () => Error): Promise<z.output<S>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    throw httpErrors.unsupportedMediaType();
  }
  const text = await readBody(req, limit, tooLarge as never);
  let value: unknown;
  try {
    value = text.length === 0 ? undefined : JSON.parse(text);
  } catch (err) {
    throw httpErrors.invalidJson((err as Error).message);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw httpErrors.invalidBody(formatIssues(parsed.error));
  return parsed.data;
}
