// What every API handler receives, and the small helpers they share.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_CODE_BYTES, UnknownLabError, type Engine } from '../../../labs/engine/api.ts';
import { httpErrors } from '../errors.ts';

export interface ApiContext {
  engine: Engine;
  /** From the learner cookie (learner.ts). */
  learner: string;
  /** Path parameter `:id`, already URI-decoded. */
  labId: string;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  /** `${learner}\u0000${lab}` pairs that have submitted at least once (gates the reveal). */
  submitted: Set<string>;
  /** Reserve one of the learner's concurrent run/submit slots; returns the release function. */
  acquireSlot(): () => void;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, ctx: ApiContext) => Promise<void>;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The lab's public parts, or 404 for an unknown id. */
export function requireLab(ctx: ApiContext) {
  try {
    return ctx.engine.lab(ctx.labId);
  } catch (err) {
    if (err instanceof UnknownLabError) throw httpErrors.unknownLab(ctx.labId);
    throw err;
  }
}

/** 413 when the code is over the engine's limit (bytes of UTF-8, as the engine counts). */
export function checkCodeSize(code: string): void {
  if (Buffer.byteLength(code) > MAX_CODE_BYTES) throw httpErrors.payloadTooLarge(MAX_CODE_BYTES);
}

export const submittedKey = (learner: string, lab: string) => `${learner}\u0000${lab}`;
