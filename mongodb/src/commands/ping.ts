// ping: https://www.mongodb.com/docs/manual/reference/command/ping/
import type { CommandSpec } from '../core.ts';

export const ping: CommandSpec = { name: 'ping', requiresAuth: false, run: () => ({}) };
