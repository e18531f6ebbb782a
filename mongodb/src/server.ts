// startMongo: an in-process MongoDB-compatible server on a TCP port.
import { createServer, type Socket } from 'node:net';
import { ServerCore, type Disposer, type MongoPlugin, type StartOptions } from './core.ts';
import { registerCoreCommands } from './commands/index.ts';
import { dispatch } from './commands/dispatch.ts';
import { Connection } from './wire/connection.ts';
import { loadSnapshot, startSaver } from './storage/persistence.ts';
import { abort } from './sessions/commit.ts';
import { plugin as authPlugin } from './auth/plugin.ts';
import { plugin as changeStreamsPlugin } from './changestreams/plugin.ts';
import { plugin as ttlPlugin } from './ttl/plugin.ts';

export type { StartOptions } from './core.ts';

export interface RunningMongo {
  port: number;
  host: string;
  uri: string;
  core: ServerCore;
  close(): Promise<void>;
}

/** The built-in plugins, installed in this order unless `defaultPlugins: false`. */
const DEFAULT_PLUGINS: MongoPlugin[] = [authPlugin, changeStreamsPlugin, ttlPlugin];

export async function startMongo(options: StartOptions = {}): Promise<RunningMongo> {
  const core = new ServerCore(options);
  registerCoreCommands(core.commands);
  const plugins = [...(options.defaultPlugins === false ? [] : DEFAULT_PLUGINS), ...(options.plugins ?? [])];
  const disposers: Disposer[] = [];
  for (const p of plugins) {
    const d = await p.install(core);
    if (typeof d === 'function') disposers.push(d);
  }
  let stopSaver: (() => void) | undefined;
  if (options.dataDir) {
    if (loadSnapshot(core.storage, options.dataDir)) core.log(`loaded data from ${options.dataDir}`);
    stopSaver = startSaver(core.storage, options.dataDir, core.log);
  }
  const reaper = setInterval(() => {
    core.sessions.reap(abort);
    core.cursors.reap();
  }, 1000);
  reaper.unref();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const conn = new Connection(socket, (c, body, legacy) => dispatch(core, c, body, legacy), core.log);
    core.connections.add(conn);
    core.connectionsCreated++;
    conn.onClose(() => core.connections.delete(conn));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 27017, host, () => resolve());
  });
  server.on('error', (e) => core.log(`listener error: ${e.message}`));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : options.port ?? 27017;
  core.address = `${host}:${port}`;
  core.log(`mongodb-compatible server listening on ${core.address}`);
  return {
    port,
    host,
    uri: `mongodb://${host}:${port}/?replicaSet=rs0`,
    core,
    async close() {
      for (const d of disposers.reverse()) await d();
      clearInterval(reaper);
      core.cursors.closeAll();
      stopSaver?.();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
