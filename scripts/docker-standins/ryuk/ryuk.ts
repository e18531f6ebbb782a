// Ryuk's protocol (https://github.com/testcontainers/moby-ryuk): clients connect to port 8080
// and send filter lines such as `label=org.testcontainers.session-id=<id>` (query-string
// encoded, several `label=` per line allowed), each answered with `ACK\n`. When the last client
// has been gone for RYUK_RECONNECTION_TIMEOUT (default 10s), or nobody connected within
// RYUK_CONNECTION_TIMEOUT (default 60s), every container, network and volume matching a filter
// is removed through the Docker socket and the reaper exits. Images are left alone: the pinned
// stand-in images must survive a session.
import { createServer, type Socket } from 'node:net';
import { request } from 'node:http';
import { hostname } from 'node:os';

const DOCKER_SOCKET = '/var/run/docker.sock';

/** Go-style durations as Ryuk reads them ("10s", "1m", "500ms"); bare numbers are seconds. */
function duration(value: string | undefined, fallbackMs: number): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value ?? '');
  if (!m) return fallbackMs;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 's'] ?? 1000;
  return Number(m[1]) * unit;
}

function docker(method: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: DOCKER_SOCKET, method, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The label filters of one line, in the Docker API's `filters` form. */
function parseLine(line: string): string[] {
  return new URLSearchParams(line.trim()).getAll('label').filter(Boolean);
}

async function remove(filters: string[][]): Promise<void> {
  const self = hostname();
  for (const labels of filters) {
    const query = encodeURIComponent(JSON.stringify({ label: labels }));
    const containers = JSON.parse((await docker('GET', `/containers/json?all=true&filters=${query}`)).body) as { Id: string }[];
    for (const c of containers) if (!c.Id.startsWith(self)) await docker('DELETE', `/containers/${c.Id}?force=true&v=true`);
    const networks = JSON.parse((await docker('GET', `/networks?filters=${query}`)).body) as { Id: string }[];
    for (const n of networks) await docker('DELETE', `/networks/${n.Id}`);
    const volumes = JSON.parse((await docker('GET', `/volumes?filters=${query}`)).body) as { Volumes: { Name: string }[] | null };
    for (const v of volumes.Volumes ?? []) await docker('DELETE', `/volumes/${encodeURIComponent(v.Name)}`);
    console.log(`removed ${containers.length} container(s), ${networks.length} network(s), ${volumes.Volumes?.length ?? 0} volume(s) for ${labels.join(', ')}`);
  }
}

const filters = new Map<string, string[]>();
const clients = new Set<Socket>();
let timer: NodeJS.Timeout | undefined;

function reapAfter(ms: number): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    server.close();
    remove([...filters.values()]).then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(`reaping failed: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  }, ms);
}

const server = createServer((socket) => {
  clients.add(socket);
  clearTimeout(timer);
  let pending = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      const labels = parseLine(line);
      if (labels.length) filters.set(labels.join('&'), labels);
      socket.write('ACK\n');
    }
  });
  socket.on('error', () => socket.destroy());
  socket.on('close', () => {
    clients.delete(socket);
    if (clients.size === 0) reapAfter(duration(process.env.RYUK_RECONNECTION_TIMEOUT, 10_000));
  });
});

server.listen(8080, '0.0.0.0', () => {
  console.log('Started');
  reapAfter(duration(process.env.RYUK_CONNECTION_TIMEOUT, 60_000));
});
// As PID 1 the process gets no default signal handling: `docker stop` must still end it.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
