// serverStatus: the subset monitoring tools and shells read (host, version, uptime, connections).
// https://www.mongodb.com/docs/manual/reference/command/serverStatus/
import os from 'node:os';
import type { CommandSpec } from '../core.ts';
import { SERVER_VERSION } from './buildInfo.ts';

export const serverStatus: CommandSpec = {
  name: 'serverStatus',
  run(inv) {
    const uptimeMillis = Date.now() - inv.core.startedAt.getTime();
    return {
      host: os.hostname(),
      version: SERVER_VERSION,
      process: 'mongod',
      pid: process.pid,
      uptime: Math.floor(uptimeMillis / 1000),
      uptimeMillis,
      localTime: new Date(),
      connections: { current: inv.core.connections.size, available: 1000 - inv.core.connections.size, totalCreated: inv.core.connectionsCreated },
      storageEngine: { name: 'keyspace-memory', supportsCommittedReads: true, persistent: !!inv.core.options.dataDir },
    };
  },
};
