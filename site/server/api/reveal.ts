// POST /api/labs/:id/solution: the reference solution, only after this learner has submitted
// this lab at least once (the UI also asks for confirmation). POST, not GET, so it is never
// prefetched, cached or followed from a link.
import { readJson } from '../body.ts';
import { httpErrors } from '../errors.ts';
import { RevealBody } from '../schemas.ts';
import { requireLab, sendJson, submittedKey, type Handler } from './context.ts';

export const reveal: Handler = async (req, res, ctx) => {
  await readJson(req, RevealBody, 1024);
  requireLab(ctx);
  if (!ctx.submitted.has(submittedKey(ctx.learner, ctx.labId))) throw httpErrors.submitFirst();
  sendJson(res, 200, { solution: ctx.engine.solution(ctx.labId) });
};
