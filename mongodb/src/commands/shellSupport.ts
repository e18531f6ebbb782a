// Small commands interactive shells (mongosh, Compass) send while connecting.
// https://www.mongodb.com/docs/manual/reference/command/nav-diagnostic/
import os from 'node:os';
import type { CommandSpec } from '../core.ts';

export const whatsmyuri: CommandSpec = {
  name: 'whatsmyuri',
  requiresAuth: false,
  run: (inv) => ({ you: inv.conn.remoteAddress }),
};

export const getLog: CommandSpec = {
  name: 'getLog',
  run: (inv) => (inv.body.getLog === '*' ? { names: ['global', 'startupWarnings'] } : { totalLinesWritten: 0, log: [] }),
};

export const getCmdLineOpts: CommandSpec = {
  name: 'getCmdLineOpts',
  run: (inv) => ({ argv: ['keyspace-mongod'], parsed: { net: { port: Number(inv.core.address?.split(':').pop() ?? 0) } } }),
};

export const hostInfo: CommandSpec = {
  name: 'hostInfo',
  run: () => ({
    system: { currentTime: new Date(), hostname: os.hostname(), cpuAddrSize: 64, numCores: os.cpus().length, memSizeMB: Math.round(os.totalmem() / 2 ** 20) },
    os: { type: os.type(), name: os.platform(), version: os.release() },
    extra: {},
  }),
};
