// A Provider built from one BackendService per backend: starts each service once, on first
// need (concurrent callers share the start), and merges a learner's namespaces.
import type { BackendName } from '../contracts/manifest.ts';
import type { BackendInfo, LearnerId } from '../api.ts';
import { msg } from '../errors.ts';
import type { BackendService, Namespaces, Provider } from './provider.ts';

export class ComposedProvider implements Provider {
  readonly kind: 'embedded' | 'docker';
  private readonly services: Map<BackendName, BackendService>;
  private readonly started = new Map<BackendName, Promise<void>>();
  private readonly onProgress: (m: string) => void;
  /** Why a backend cannot exist in this provider (e.g. emulator not built yet). */
  private readonly unavailable: Map<BackendName, string>;

  constructor(kind: 'embedded' | 'docker', services: BackendService[], unavailable: Map<BackendName, string>, onProgress: (m: string) => void) {
    this.kind = kind;
    this.services = new Map(services.map((s) => [s.name, s]));
    this.unavailable = unavailable;
    this.onProgress = onProgress;
  }

  private ensure(name: BackendName): Promise<void> {
    const service = this.services.get(name);
    if (!service) return Promise.reject(new Error(msg.backendUnavailable(name, this.unavailable.get(name) ?? 'not supported by this provider')));
    let p = this.started.get(name);
    if (!p) {
      this.onProgress(`starting ${name} (${this.kind})…`);
      p = service.start().then(() => this.onProgress(`${name} is running`));
      this.started.set(name, p);
      // A failed start may be retried by a later request (e.g. after installing redis-server).
      p.catch(() => this.started.delete(name));
    }
    return p;
  }

  async start(names: readonly BackendName[]): Promise<void> {
    await Promise.all(names.map((n) => this.ensure(n)));
  }

  async acquire(names: readonly BackendName[], learner: LearnerId): Promise<Namespaces> {
    await Promise.all(names.map((n) => this.ensure(n)));
    const parts = await Promise.all(names.map((n) => this.services.get(n)!.namespace(learner)));
    return {
      env: Object.assign({}, ...parts.map((p) => p.env)),
      clients: Object.assign({}, ...parts.map((p) => p.clients)),
      async reset() {
        await Promise.all(parts.map((p) => p.reset()));
      },
    };
  }

  info(): BackendInfo[] {
    const all: BackendName[] = ['postgres', 'mongo', 'redis', 'dynamodb'];
    return all.map((name) => {
      const s = this.services.get(name);
      if (s) return s.info();
      return { name, provider: this.kind, version: 'unavailable', state: 'failed', error: this.unavailable.get(name) ?? 'not supported' };
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.services.values()].map((s) => s.stop().catch(() => undefined)));
    this.started.clear();
  }
}
