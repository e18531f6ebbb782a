// The backend provider interface: the engine asks for a learner's namespaces on some backends
// and gets connection settings for the learner's process, admin clients for the checks, and
// a reset that empties the namespaces. Providers start backends lazily, on first need.
import type { BackendClients, LearnerEnv } from '../contracts/checks.ts';
import type { BackendName } from '../contracts/manifest.ts';
import type { BackendInfo, LearnerId } from '../api.ts';

/** A learner's namespaces on the backends a lab uses. */
export interface Namespaces {
  env: LearnerEnv;
  clients: BackendClients;
  /** Empty every namespace (tables, keys, collections) so a run starts clean. */
  reset(): Promise<void>;
}

/** One learner's namespace on one backend. */
export interface Namespace {
  env: LearnerEnv;
  clients: BackendClients;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** One database service (embedded process or container) serving many learner namespaces. */
export interface BackendService {
  readonly name: BackendName;
  info(): BackendInfo;
  /** Start the service; called once, lazily. */
  start(): Promise<void>;
  /** Create (or reuse) the learner's namespace. */
  namespace(learner: LearnerId): Promise<Namespace>;
  stop(): Promise<void>;
}

export interface Provider {
  readonly kind: 'embedded' | 'docker';
  acquire(names: readonly BackendName[], learner: LearnerId): Promise<Namespaces>;
  /** Start backends now instead of on first need. */
  start(names: readonly BackendName[]): Promise<void>;
  info(): BackendInfo[];
  close(): Promise<void>;
}
