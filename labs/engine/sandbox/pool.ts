// A warm pool of learner processes. Starting Node and importing a driver costs 100–500 ms, so
// processes are spawned ahead of demand, one pool per driver set, each with its own empty run
// dir. A process serves exactly one run or submit and is then killed: settings arrive over IPC
// at `init`, so a pooled process holds nothing of any learner until it is taken.
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { LearnerProcess } from './process.ts';
import type { SandboxLimits } from './limits.ts';

export interface PoolHost {
  baseDir: string;
  harness: string;
  readable: string[];
  limits: SandboxLimits;
}

export interface Sandbox {
  proc: LearnerProcess;
  runDir: string;
  /** Kill the process and remove its run dir. */
  dispose(): Promise<void>;
}

export class SandboxPool {
  private readonly host: PoolHost;
  private readonly size: number;
  private readonly idle = new Map<string, Sandbox[]>();
  private readonly live = new Set<Sandbox>();
  private closed = false;

  /** `size` idle processes are kept per driver set; 0 disables warming. */
  constructor(host: PoolHost, size: number) {
    this.host = host;
    this.size = size;
  }

  private spawn(preload: string[]): Sandbox {
    const runDir = mkdtempSync(path.join(this.host.baseDir, 'run-'));
    const proc = new LearnerProcess({ harness: this.host.harness, runDir, readable: this.host.readable, limits: this.host.limits, preload });
    const box: Sandbox = {
      proc,
      runDir,
      dispose: async () => {
        await proc.kill();
        rmSync(runDir, { recursive: true, force: true });
        this.live.delete(box);
      },
    };
    this.live.add(box);
    return box;
  }

  private refill(key: string, preload: string[]): void {
    if (this.closed || this.size === 0) return;
    const list = this.idle.get(key) ?? [];
    this.idle.set(key, list);
    while (list.length < this.size) {
      const box = this.spawn(preload);
      list.push(box);
      // An idle process that dies (it should not) leaves the pool.
      box.proc.onDeath(() => {
        const at = list.indexOf(box);
        if (at >= 0) list.splice(at, 1);
        void box.dispose();
      });
    }
  }

  /**
   * A fresh sandbox with `preload` imported (or importing); the caller disposes it.
   * spawn() blocks the engine's event loop while the kernel copies its page tables for fork
   * (≈ 35 ms with a 160 MB engine at load 10, more as the engine grows), so while another warm
   * process is still idle the replacement is spawned when this sandbox is disposed, after the
   * verdict, instead of during the grading that just took it.
   */
  take(preload: string[]): Sandbox {
    const key = preload.join('\n');
    const list = this.idle.get(key);
    const box = list?.shift() ?? this.spawn(preload);
    if (!list?.length) {
      this.refill(key, preload);
      return box;
    }
    return {
      ...box,
      dispose: async () => {
        try {
          await box.dispose();
        } finally {
          this.refill(key, preload);
        }
      },
    };
  }

  /** Idle processes kept for this driver set. */
  idleCount(preload: string[]): number {
    return this.idle.get(preload.join('\n'))?.length ?? 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.idle.clear();
    await Promise.all([...this.live].map((b) => b.dispose()));
  }
}
