// getParameter: only the parameters clients actually ask for.
// https://www.mongodb.com/docs/manual/reference/command/getParameter/
import type { CommandSpec } from '../core.ts';
import { errors } from '../errors.ts';

const PARAMETERS: Record<string, unknown> = {
  featureCompatibilityVersion: { version: '8.0' },
  authenticationMechanisms: ['SCRAM-SHA-256'],
  transactionLifetimeLimitSeconds: 60,
  maxBSONDepth: 100,
};

export const getParameter: CommandSpec = {
  name: 'getParameter',
  run(inv) {
    if (inv.db !== 'admin') throw errors.unauthorized('getParameter may only be run against the admin database.');
    const arg = inv.body.getParameter;
    if (arg === '*' || (typeof arg === 'object' && arg && (arg as Record<string, unknown>).allParameters)) return { ...PARAMETERS };
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(inv.body)) {
      if (k === 'getParameter' || k.startsWith('$') || k === 'lsid' || k === 'comment') continue;
      if (k in PARAMETERS) out[k] = PARAMETERS[k];
    }
    if (Object.keys(out).length === 0) throw errors.invalidOptions('no option found to get');
    return out;
  },
};
