// POST /api/labs/:id/run { code } → Server-Sent Events: `output` events ({ chunk }) as the
// learner's main() prints, then one `result` event (RunOutcome). Problems found before the
// stream starts (bad body, unknown lab, too large) are plain JSON errors; a failure after it
// started is an `error` event. https://html.spec.whatwg.org/multipage/server-sent-events.html
import type { ServerResponse } from 'node:http';
import { readJson } from '../body.ts';
import { CodeBody, MAX_BODY_BYTES } from '../schemas.ts';
import { checkCodeSize, requireLab, type Handler } from './context.ts';
import { MAX_CODE_BYTES } from '../../../labs/engine/api.ts';
import { httpErrors } from '../errors.ts';

function event(res: ServerResponse, type: string, data: unknown): void {
  // JSON never contains a raw newline, so one `data:` line per event is enough.
  res.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
}

export const run: Handler = async (req, res, ctx) => {
  const { code } = await readJson(req, CodeBody, MAX_BODY_BYTES, () => httpErrors.payloadTooLarge(MAX_CODE_BYTES));
  requireLab(ctx);
  checkCodeSize(code);
  const release = ctx.acquireSlot();
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    // Ask proxies (nginx) not to buffer the stream in workshop deployments.
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
  try {
    const outcome = await ctx.engine.run(ctx.labId, code, {
      learner: ctx.learner,
      signal: ctx.signal,
      onOutput: (chunk) => event(res, 'output', { chunk }),
    });
    event(res, 'result', outcome);
  } catch (err) {
    console.error('[keyspace] run failed', err);
    event(res, 'error', httpErrors.internal().body());
  } finally {
    release();
    res.end();
  }
};
