// DynamoDB Local in a container (Amazon's image; the user's Docker pulls it), in memory, behind
// the recording proxy. Without -sharedDb it keeps tables per access key id + region, which is
// our namespace (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DynamoDBLocal.UsageNotes.html).
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import type { BackendInfo, LearnerId } from '../../api.ts';
import { IMAGES } from '../images.ts';
import type { BackendService, Namespace } from '../provider.ts';
import { RecordingProxy } from '../shared/recording-proxy.ts';
import { dynamoNamespace } from '../shared/dynamo-namespace.ts';
import { ServiceState } from './state.ts';

export class DockerDynamoService implements BackendService {
  readonly name = 'dynamodb' as const;
  private readonly state = new ServiceState('dynamodb', `DynamoDB Local (${IMAGES.dynamodb})`);
  private container: StartedTestContainer | null = null;
  private proxy: RecordingProxy | null = null;
  private endpoint = '';
  private readonly namespaces = new Map<string, Promise<Namespace>>();

  info(): BackendInfo {
    return this.state.info();
  }

  start(): Promise<void> {
    return this.state.track(async () => {
      this.container = await new GenericContainer(IMAGES.dynamodb)
        .withCommand(['-jar', 'DynamoDBLocal.jar', '-inMemory'])
        .withExposedPorts(8000)
        .withWaitStrategy(Wait.forListeningPorts())
        .start();
      this.endpoint = `http://${this.container.getHost()}:${this.container.getMappedPort(8000)}`;
      this.proxy = new RecordingProxy(this.endpoint);
      await this.proxy.start();
      return { address: `${this.endpoint} (learners via ${this.proxy.endpoint})` };
    }, () => this.release());
  }

  namespace(learner: LearnerId): Promise<Namespace> {
    let ns = this.namespaces.get(learner);
    if (!ns) {
      if (!this.proxy) throw new Error('dynamodb is not started');
      ns = Promise.resolve(dynamoNamespace({ learnerEndpoint: this.proxy.endpoint, adminEndpoint: this.endpoint, log: this.proxy }, learner));
      this.namespaces.set(learner, ns);
    }
    return ns;
  }

  async stop(): Promise<void> {
    await this.state.settled();
    for (const ns of this.namespaces.values()) await (await ns).close();
    this.namespaces.clear();
    await this.release();
    this.state.stopped();
  }

  private async release(): Promise<void> {
    await this.proxy?.stop();
    await this.container?.stop().catch(() => undefined);
    this.proxy = null;
    this.container = null;
  }
}
