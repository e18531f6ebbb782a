// Routes of the lab API (/api/…). One handler per operation, one file each.
import { httpErrors } from '../errors.ts';
import { backends } from './backends.ts';
import type { Handler } from './context.ts';
import { getLab } from './get-lab.ts';
import { listLabs } from './list-labs.ts';
import { reveal } from './reveal.ts';
import { run } from './run.ts';
import { submit } from './submit.ts';

interface Route {
  pattern: RegExp;
  methods: Record<string, Handler>;
}

const LAB_ID = '([^/]+)';
const ROUTES: Route[] = [
  { pattern: /^\/api\/labs\/?$/, methods: { GET: listLabs } },
  { pattern: new RegExp(`^/api/labs/${LAB_ID}/?$`), methods: { GET: getLab } },
  { pattern: new RegExp(`^/api/labs/${LAB_ID}/solution$`), methods: { POST: reveal } },
  { pattern: new RegExp(`^/api/labs/${LAB_ID}/run$`), methods: { POST: run } },
  { pattern: new RegExp(`^/api/labs/${LAB_ID}/submit$`), methods: { POST: submit } },
  { pattern: /^\/api\/backends\/?$/, methods: { GET: backends } },
];

/** The handler for a method + path, with the decoded `:id`; throws 404/405 as HttpError. */
export function route(method: string, pathname: string): { handler: Handler; labId: string } {
  for (const r of ROUTES) {
    const m = r.pattern.exec(pathname);
    if (!m) continue;
    const handler = r.methods[method] ?? (method === 'HEAD' ? r.methods.GET : undefined);
    if (!handler) throw httpErrors.methodNotAllowed(method, Object.keys(r.methods));
    let labId = '';
    try {
      labId = m[1] ? decodeURIComponent(m[1]) : '';
    } catch {
      throw httpErrors.notFound(`Lab "${m[1]}"`);
    }
    return { handler, labId };
  }
  throw httpErrors.notFound(`API route ${pathname}`);
}
