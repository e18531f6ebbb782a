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
  /** Forgets an access key id's ClientRequestTokens (and the emulator's own log of it). */
  resetNamespace(accessKeyId: string): void;
  close(): Promise<void>;
}

/**
 * A GSI added by UpdateTable backfills this long (IndexStatus CREATING, reads refused), so a
 * learner who queries it without waiting for ACTIVE is caught; new tables stay instant.
 */
const CREATE_INDEX_MS = 300;

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
      this.server = await mod.startDynamo({ port: 0, host: '127.0.0.1', createIndexMs: CREATE_INDEX_MS, replication: { lagMs: 700, createReplicaMs: 500 }, onOperation: log.onOperation });
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
      const base = dynamoNamespace({ learnerEndpoint: server.endpoint, adminEndpoint: log.adminEndpoint, adminHeaders: { [ADMIN_HEADER]: log.secret }, log }, learner);
      const accessKeyId = base.env.AWS_ACCESS_KEY_ID!;
      // Deleting the tables is not all: a ClientRequestToken of the previous attempt would
      // otherwise replay its transaction for 10 minutes.
      ns = Promise.resolve({
        ...base,
        async reset() {
          await base.reset();
          server.resetNamespace(accessKeyId);
        },
      });
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
