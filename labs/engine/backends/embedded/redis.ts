// Embedded Redis: one `redis-server` process per learner namespace, started on first need.
// Why processes and not key prefixes: prefix ACLs would leak into every learner's code (keys
// must carry the prefix) and pub/sub channels, FLUSHALL, SCAN and Lua are not isolated by key
// ACLs (https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/).
// A redis-server costs ~3 MB and ~10 ms to start. Config: no persistence, loopback only, the
// default user off, one ACL user with a random password and no admin/dangerous commands
// (CONFIG SET dir + SAVE would write files as the engine's user), a memory cap.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BackendInfo, LearnerId } from '../../api.ts';
import { EngineSetupError, msg } from '../../errors.ts';
import type { BackendService, Namespace } from '../provider.ts';
import { NamespaceCache } from '../namespace-cache.ts';
import { freePort } from '../ports.ts';
import { namespaceName, secret } from '../naming.ts';
import { redisNamespace, serverSettings } from '../shared/redis-namespace.ts';

function redisConfig(port: number, dir: string, password: string): string {
  const settings = [['port', String(port)], ['bind', '127.0.0.1'], ['protected-mode', 'yes'], ['dir', dir], ['daemonize', 'no'], ['loglevel', 'notice'], ['logfile', '""'], ...serverSettings(password)];
  return settings.map((line) => line.join(' ')).join('\n') + '\n';
}

/** `redis-server --version`, or null when not installed. */
function redisVersion(): string | null {
  const r = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return /v=(\S+)/.exec(r.stdout)?.[1] ?? r.stdout.trim();
}

function waitReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const onData = (d: Buffer): void => {
      log += d.toString();
      if (log.includes('Ready to accept connections')) resolve();
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`redis-server exited (code ${code}): ${log.slice(-500)}`)));
    child.once('error', reject);
  });
}

export class EmbeddedRedisService implements BackendService {
  readonly name = 'redis' as const;
  private readonly baseDir: string;
  private version: string | null = null;
  private state: BackendInfo['state'] = 'stopped';
  private error: string | undefined;
  private readonly namespaces = new NamespaceCache();
  private readonly children = new Set<ChildProcess>();

  /** `tempDir` holds one working dir per server; removed on stop. */
  constructor(tempDir: string) {
    this.baseDir = tempDir;
    // Last resort when the engine dies without close(): no redis-server may outlive it.
    process.once('exit', () => {
      for (const c of this.children) c.kill('SIGKILL');
    });
  }

  info(): BackendInfo {
    return {
      name: 'redis',
      provider: 'embedded',
      version: this.version ? `Redis ${this.version} (redis-server, one per learner)` : 'Redis (redis-server)',
      state: this.state,
      ...(this.state === 'running' ? { address: `127.0.0.1, ${this.children.size} server(s)` } : {}),
      ...(this.error ? { error: this.error } : {}),
    };
  }

  async start(): Promise<void> {
    this.version = redisVersion();
    if (!this.version) {
      this.state = 'failed';
      this.error = msg.redisMissing();
      throw new EngineSetupError(this.error);
    }
    this.state = 'running';
  }

  namespace(learner: LearnerId): Promise<Namespace> {
    return this.namespaces.get(learner, () => this.startServer(learner));
  }

  private async startServer(learner: LearnerId, attempt = 0): Promise<Namespace> {
    const dir = mkdtempSync(path.join(this.baseDir, `redis-${namespaceName(learner)}-`));
    const password = secret();
    const port = await freePort();
    writeFileSync(path.join(dir, 'redis.conf'), redisConfig(port, dir, password), { mode: 0o600 });
    const child = spawn('redis-server', [path.join(dir, 'redis.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    try {
      await waitReady(child);
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      // Another process took the port between freePort() and bind: try another.
      if (attempt < 3 && /Address already in use/i.test(String(e))) return this.startServer(learner, attempt + 1);
      throw e;
    }
    return redisNamespace('127.0.0.1', port, password, async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    });
  }

  async stop(): Promise<void> {
    await this.namespaces.closeAll();
    for (const c of this.children) c.kill('SIGKILL');
    this.state = 'stopped';
  }
}
