// GET /api/labs: every lab's manifest (public: no checks, no solution).
import { sendJson, type Handler } from './context.ts';

export const listLabs: Handler = async (_req, res, ctx) => {
  sendJson(res, 200, { labs: ctx.engine.labs() });
};
