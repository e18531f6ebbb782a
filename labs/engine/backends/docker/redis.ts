// Redis in containers: one container per learner namespace (as the embedded provider runs one
// redis-server per learner), configured on the command line with the same ACL settings.
import { GenericContainer, Wait, getContainerRuntimeClient, type StartedTestContainer } from 'testcontainers';
import type { BackendInfo, LearnerId } from '../../api.ts';
import { IMAGES } from '../images.ts';
import { secret } from '../naming.ts';
import type { BackendService, Namespace } from '../provider.ts';
import { NamespaceCache } from '../namespace-cache.ts';
import { redisNamespace, serverSettings } from '../shared/redis-namespace.ts';
import { ServiceState } from './state.ts';

export class DockerRedisService implements BackendService {
  readonly name = 'redis' as const;
  private readonly state = new ServiceState('redis', `Redis (${IMAGES.redis}, one container per learner)`);
  private readonly namespaces = new NamespaceCache();
  private readonly containers = new Set<StartedTestContainer>();

  info(): BackendInfo {
    return this.state.info();
  }

  /** Containers start per learner; starting the service only asks the runtime to answer. */
  start(): Promise<void> {
    return this.state.track(
      async () => ({ address: (await getContainerRuntimeClient()).info.containerRuntime.host }),
      async () => undefined,
    );
  }

  namespace(learner: LearnerId): Promise<Namespace> {
    return this.namespaces.get(learner, () => this.startContainer());
  }

  private async startContainer(): Promise<Namespace> {
    const password = secret();
    // redis-server takes any config directive as --name args… (`save ""` becomes an empty arg).
    const args = serverSettings(password).flatMap(([name, ...values]) => [`--${name}`, ...values.map((v) => (v === '""' ? '' : v))]);
    const container = await new GenericContainer(IMAGES.redis)
      .withCommand(['redis-server', ...args])
      .withExposedPorts(6379)
      .withWaitStrategy(Wait.forLogMessage('Ready to accept connections'))
      .start();
    this.containers.add(container);
    const stop = async (): Promise<void> => {
      this.containers.delete(container);
      await container.stop().catch(() => undefined);
    };
    try {
      return await redisNamespace(container.getHost(), container.getMappedPort(6379), password, stop);
    } catch (e) {
      await stop();
      throw e;
    }
  }

  async stop(): Promise<void> {
    await this.namespaces.closeAll();
    await Promise.all([...this.containers].map((c) => c.stop().catch(() => undefined)));
    this.state.stopped();
  }
}
