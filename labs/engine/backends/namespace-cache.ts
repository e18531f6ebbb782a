// Keeps learners' namespaces alive between runs, and closes the idle ones, so a workshop with
// many learners does not keep a Redis server and a Postgres connection per learner forever.
// A namespace is "used" when acquired; a grading lasts at most a minute, far below idleMs.
import type { LearnerId } from '../api.ts';
import type { Namespace } from './provider.ts';

interface Entry {
  ns: Promise<Namespace>;
  lastUsed: number;
}

export class NamespaceCache {
  private readonly entries = new Map<string, Entry>();
  private readonly idleMs: number;
  private readonly max: number;
  private readonly timer: NodeJS.Timeout;

  /** Close namespaces unused for `idleMs`, and the least recently used beyond `max`. */
  constructor(idleMs = 15 * 60_000, max = 200) {
    this.idleMs = idleMs;
    this.max = max;
    this.timer = setInterval(() => this.evict(), Math.min(60_000, idleMs)).unref();
  }

  get(learner: LearnerId, create: () => Promise<Namespace>): Promise<Namespace> {
    let entry = this.entries.get(learner);
    if (!entry) {
      const ns = create();
      entry = { ns, lastUsed: 0 };
      this.entries.set(learner, entry);
      ns.catch(() => this.entries.get(learner)?.ns === ns && this.entries.delete(learner));
    }
    entry.lastUsed = Date.now();
    this.evict();
    return entry.ns;
  }

  get size(): number {
    return this.entries.size;
  }

  private evict(): void {
    const now = Date.now();
    const byAge = [...this.entries].sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    let excess = byAge.length - this.max;
    for (const [learner, entry] of byAge) {
      if (now - entry.lastUsed < this.idleMs && excess <= 0) break;
      excess--;
      this.entries.delete(learner);
      void entry.ns.then((n) => n.close()).catch(() => undefined);
    }
  }

  async closeAll(): Promise<void> {
    clearInterval(this.timer);
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((e) => e.ns.then((n) => n.close()).catch(() => undefined)));
  }
}
