// Embedded DynamoDB: our emulator (dynamodb/src/server.ts) in this process, behind the
// recording proxy. One server for every learner; namespaces are access key ids.
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import type { BackendInfo, LearnerId } from '../../api.ts';
import { REPO_ROOT } from '../../paths.ts';
import type { BackendService, Namespace } from '../provider.ts';
import { RecordingProxy } from '../shared/recording-proxy.ts';
import { dynamoNamespace } from '../shared/dynamo-namespace.ts';

interface DynamoServer {
  endpoint: string;
  close(): Promise<void>;
}

export class EmbeddedDynamoService implements BackendService {
  readonly name = 'dynamodb' as const;
  private server: DynamoServer | null = null;
  private proxy: RecordingProxy | null = null;
  private state: BackendInfo['state'] = 'stopped';
  private error: string | undefined;
  private readonly namespaces = new Map<string, Promise<Namespace>>();

  info(): BackendInfo {
    return {
      name: 'dynamodb',
      provider: 'embedded',
      version: 'keyspace-dynamodb (dynamodb/src/server.ts)',
      state: this.state,
      ...(this.server ? { address: `${this.server.endpoint} (learners via ${this.proxy?.endpoint})` } : {}),
      ...(this.error ? { error: this.error } : {}),
    };
  }

  async start(): Promise<void> {
    this.state = 'starting';
    try {
      const mod = (await import(pathToFileURL(path.join(REPO_ROOT, 'dynamodb/src/server.ts')).href)) as {
        startDynamo(o: Record<string, unknown>): Promise<DynamoServer>;
      };
      this.server = await mod.startDynamo({ port: 0, host: '127.0.0.1' });
      this.proxy = new RecordingProxy(this.server.endpoint);
      await this.proxy.start();
      this.state = 'running';
    } catch (e) {
      this.state = 'failed';
      this.error = e instanceof Error ? e.message : String(e);
      throw e;
    }
  }

  namespace(learner: LearnerId): Promise<Namespace> {
    let ns = this.namespaces.get(learner);
    if (!ns) {
      if (!this.server || !this.proxy) throw new Error('dynamodb is not started');
      ns = Promise.resolve(dynamoNamespace(this.server.endpoint, this.proxy, learner));
      this.namespaces.set(learner, ns);
    }
    return ns;
  }

  async stop(): Promise<void> {
    for (const ns of this.namespaces.values()) await (await ns).close();
    this.namespaces.clear();
    await this.proxy?.stop();
    await this.server?.close();
    this.server = null;
    this.proxy = null;
    this.state = 'stopped';
  }
}
