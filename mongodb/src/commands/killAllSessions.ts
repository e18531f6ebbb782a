// killAllSessions: abort every open transaction and forget all sessions.
// https://www.mongodb.com/docs/manual/reference/command/killAllSessions/
import type { CommandSpec } from '../core.ts';
import { abort } from '../sessions/commit.ts';

export const killAllSessions: CommandSpec = {
  name: 'killAllSessions',
  run(inv) {
    for (const s of inv.core.sessions.all()) {
      if (s.txn?.state === 'active') abort(s.txn);
      inv.core.sessions.end(s.lsid);
    }
    return {};
  },
};
