// Embedded DynamoDB: our emulator (dynamodb/src/server.ts) in this process. One server for every
// learner; namespaces are access key ids. Learners connect to the emulator directly and
// ctx.dynamodb.operations() comes from the emulator's own log (./dynamo-server-log.ts), so no
// path around the recording exists; the checks use a secret-guarded second listener.
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import type { BackendInfo, LearnerId } from '../../api.ts';
import { REPO_ROOT } from '../../paths.ts';
import type { BackendService, Namespace } from '../provider.ts';
import { dynamoNamespace } from '../shared/dynamo-namespace.ts';
import { ADMIN_HEADER, ServerOperationLog, type CreateHandler, type EmulatorServer } from './dynamo-server-log.ts';

interface DynamoServer extends EmulatorServer {
  endpoint: string;
  close(): Promise<void>;
}

const emulatorModule = (file: string): string => pathToFileURL(path.join(REPO_ROOT, 'dynamodb/src', file)).href;

export class EmbeddedDynamoService implements BackendService {
  readonly name = 'dynamodb' as const;
  private server: DynamoServer | null = null;
  private log: ServerOperationLog | null = null;
  private state: BackendInfo['state'] = 'stopped';
  private error: string | undefined;
  private readonly namespaces = new Map<string, Promise<Namespace>>();

  info(): BackendInfo {
    return {
      name: 'dynamodb',
      provider: 'embedded',
      version: 'keyspace-dynamodb (dynamodb/src/server.ts)',
      state: this.state,
      ...(this.server ? { address: this.server.endpoint } : {}),
      ...(this.error ? { error: this.error } : {}),
    };
  }

  async start(): Promise<void> {
    this.state = 'starting';
    try {
      const mod = (await import(emulatorModule('server.ts'))) as { startDynamo(o: Record<string, unknown>): Promise<DynamoServer> };
      const http = (await import(emulatorModule('http/handler.ts'))) as { createHandler: CreateHandler };
      const log = new ServerOperationLog();
      this.server = await mod.startDynamo({ port: 0, host: '127.0.0.1', onOperation: log.onOperation });
      await log.attach(this.server, http.createHandler);
      this.log = log;
      this.state = 'running';
    } catch (e) {
      this.state = 'failed';
      this.error = e instanceof Error ? e.message : String(e);
      throw e;
    }
  }

  /** The emulator's own endpoint (what learners get), for tests. */
  get endpoint(): string {
    if (!this.server) throw new Error('dynamodb is not started');
    return this.server.endpoint;
  }

  namespace(learner: LearnerId): Promise<Namespace> {
    let ns = this.namespaces.get(learner);
    if (!ns) {
      const { server, log } = this;
      if (!server || !log) throw new Error('dynamodb is not started');
      ns = Promise.resolve(
        dynamoNamespace({ learnerEndpoint: server.endpoint, adminEndpoint: log.adminEndpoint, adminHeaders: { [ADMIN_HEADER]: log.secret }, log }, learner),
      );
      this.namespaces.set(learner, ns);
    }
    return ns;
  }

  async stop(): Promise<void> {
    for (const ns of this.namespaces.values()) await (await ns).close();
    this.namespaces.clear();
    await this.log?.close();
    await this.server?.close();
    this.server = null;
    this.log = null;
    this.state = 'stopped';
  }
}
