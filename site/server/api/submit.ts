// POST /api/labs/:id/submit { code } → Results (labs/RESULTS.md). A grading that ends in
// status "error" (compile error, time limit) is still a 200: the request itself succeeded.
import { readJson } from '../body.ts';
import { CodeBody, MAX_BODY_BYTES } from '../schemas.ts';
import { checkCodeSize, requireLab, sendJson, submittedKey, type Handler } from './context.ts';
import { MAX_CODE_BYTES } from '../../../labs/engine/api.ts';
import { httpErrors } from '../errors.ts';

export const submit: Handler = async (req, res, ctx) => {
  const { code } = await readJson(req, CodeBody, MAX_BODY_BYTES, () => httpErrors.payloadTooLarge(MAX_CODE_BYTES));
  requireLab(ctx);
  checkCodeSize(code);
  const release = ctx.acquireSlot();
  try {
    const results = await ctx.engine.submit(ctx.labId, code, { learner: ctx.learner, signal: ctx.signal });
    ctx.submitted.add(submittedKey(ctx.learner, ctx.labId));
    sendJson(res, 200, results);
  } finally {
    release();
  }
};
