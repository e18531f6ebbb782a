// GET /api/backends: what runs where (provider, version, state).
import { sendJson, type Handler } from './context.ts';

export const backends: Handler = async (_req, res, ctx) => {
  sendJson(res, 200, { backends: ctx.engine.backends() });
};
