// killCursors: https://www.mongodb.com/docs/manual/reference/command/killCursors/
import type { CommandSpec } from '../core.ts';
import { collName, requireArray } from './util.ts';

export const killCursors: CommandSpec = {
  name: 'killCursors',
  run(inv) {
    collName(inv);
    const ids = requireArray(inv, 'cursors');
    const cursorsKilled: unknown[] = [];
    const cursorsNotFound: unknown[] = [];
    for (const id of ids) (inv.core.cursors.close(id as number) ? cursorsKilled : cursorsNotFound).push(id);
    return { cursorsKilled, cursorsNotFound, cursorsAlive: [], cursorsUnknown: [] };
  },
};
