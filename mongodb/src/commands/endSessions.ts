// endSessions: forget sessions (aborting their open transactions).
// https://www.mongodb.com/docs/manual/reference/command/endSessions/
import type { Document } from 'bson';
import type { CommandSpec } from '../core.ts';
import { abort } from '../sessions/commit.ts';
import { requireArray } from './util.ts';

export const endSessions: CommandSpec = {
  name: 'endSessions',
  requiresAuth: false,
  run(inv) {
    for (const lsid of requireArray(inv, 'endSessions')) {
      const s = inv.core.sessions.end(lsid as Document);
      if (s?.txn?.state === 'active') abort(s.txn);
    }
    return {};
  },
};
