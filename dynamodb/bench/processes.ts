// What both benchmarks share: servers in their own processes (so server and load generator do
// not share a thread) and a raw DynamoDB call without the SDK (no signing, no parsing).
import { spawn } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface ServerProcess {
  name: string;
  pid: number;
  endpoint: string;
  close(): Promise<void>;
}

/** Starts `node <args>` and waits for the http://host:port it prints. */
export async function spawnServer(name: string, args: string[]): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /https?:\/\/[^\s:]+:(\d+)/.exec(out);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
  const close = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
  return { name, pid: child.pid!, endpoint, close };
}

/** Our server from a main.ts (this tree's by default), throttling off. */
export const spawnOurs = (name = 'ours', main = fileURLToPath(new URL('../src/main.ts', import.meta.url))) =>
  spawnServer(name, [main, '--port', '0', '--no-throttling']);

/** A port free right now (dynalite's CLI treats --port 0 as its default 4567). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** dynalite, in memory, with table status changes immediate. */
export async function spawnDynalite(): Promise<ServerProcess> {
  const cli = createRequire(import.meta.url).resolve('dynalite/cli.js');
  const port = String(await freePort());
  return spawnServer('dynalite', [cli, '--port', port, '--host', '127.0.0.1', '--createTableMs', '0', '--deleteTableMs', '0', '--updateTableMs', '0']);
}

const AUTH = 'AWS4-HMAC-SHA256 Credential=bench/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0';

/** One DynamoDB call over a keep-alive socket; rejects unless the answer is HTTP 200. */
export function rawCall(endpoint: string, agent: Agent, op: string, body: object): Promise<void> {
  const url = new URL(endpoint);
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `DynamoDB_20120810.${op}`,
          'x-amz-date': '20240101T000000Z',
          authorization: AUTH,
          'content-length': Buffer.byteLength(data),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${op}: HTTP ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}
