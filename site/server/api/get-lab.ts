// GET /api/labs/:id: manifest + starter + packages. Built from PublicLab field by field so
// nothing the engine might add later (checks, solution) leaks by accident.
import { requireLab, sendJson, type Handler } from './context.ts';

export const getLab: Handler = async (_req, res, ctx) => {
  const lab = requireLab(ctx);
  sendJson(res, 200, { manifest: lab.manifest, starter: lab.starter, packages: lab.packages });
};
