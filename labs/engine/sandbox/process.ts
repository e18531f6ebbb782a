// The trusted side of one learner process: spawn it sandboxed, deliver settings, call its
// exports over IPC, collect its output, and kill it (whole process group) on time, memory or
// output limits. Each process serves exactly one run or submit, then dies.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { setPriority } from 'node:os';
import { decode, encode, type Encoded } from '../rpc/codec.ts';
import type { FromLearner, InitMessage } from '../rpc/messages.ts';
import { SandboxDied, msg, type DeathKind } from '../errors.ts';
import { sandboxFlags, type SandboxLimits } from './limits.ts';

export interface SpawnOptions {
  harness: string;
  runDir: string;
  /** Paths the process may read besides runDir (node_modules, the harness). */
  readable: string[];
  limits: SandboxLimits;
  /** Module URLs the harness imports while idle (the lab's drivers). */
  preload?: string[];
}

const FROM_LEARNER = Symbol('keyspace.fromLearner');

/**
 * Errors thrown by learner code reach checks as themselves (name, message, code, stack), so a
 * check can test `err.name === 'ConditionalCheckFailedException'`; a hidden brand tells the
 * grader they came from the learner.
 */
export function fromLearner(e: Error): Error {
  Object.defineProperty(e, FROM_LEARNER, { value: true });
  return e;
}

export function isFromLearner(e: unknown): e is Error {
  return e instanceof Error && (e as unknown as Record<symbol, unknown>)[FROM_LEARNER] === true;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

const RSS_POLL_MS = 20;

/**
 * Warming processes start at a lower CPU priority so they do not slow the gradings in flight
 * (on 2 cores a refill spawned at take() competes with the run that took the process); init()
 * restores normal priority for every thread. Lowering a niceness back needs root, so other users
 * start at normal priority. nice(1) execs node, so the pid is node's.
 */
const NICE_PREFIX: string[] = process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/nice') ? ['/usr/bin/nice', '-n', '10'] : [];

function unNice(pid: number | undefined): void {
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) setPriority(Number(tid), 0);
  } catch {
    // The process already exited; init reports that.
  }
}
/** How long Node + harness + drivers may take to start before learner code loads. */
const STARTUP_MS = 30_000;

export class LearnerProcess {
  private readonly child: ChildProcess;
  private limits: SandboxLimits;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private outputText = '';
  private outputTotal = 0;
  private stderrTail = '';
  private death: SandboxDied | null = null;
  private readonly deathListeners: ((d: SandboxDied) => void)[] = [];
  private readonly outputListeners: ((chunk: string) => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  /** /proc/<pid>/status, opened at the first poll and kept: see checkRss. */
  private statusFd: number | null = null;
  private readonly statusBuf = Buffer.alloc(4096);
  private readyWaiter: Pending | null = null;
  private loading = false;
  private readonly spawnedAt = performance.now();
  readonly exited: Promise<void>;

  constructor(opts: SpawnOptions) {
    this.limits = opts.limits;
    const ts = process.features.typescript ? [] : ['--experimental-strip-types'];
    const [command, ...args] = [...NICE_PREFIX, process.execPath, ...ts, ...sandboxFlags(opts.runDir, opts.readable, opts.limits), opts.harness, JSON.stringify(opts.preload ?? [])];
    this.child = spawn(command, args, {
      cwd: opts.runDir,
      env: { NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: true,
    });
    this.exited = new Promise((resolve) => this.child.once('close', () => resolve()));
    this.child.stdout?.setEncoding('utf8').on('data', (d: string) => this.addOutput(d));
    this.child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      this.stderrTail = (this.stderrTail + d).slice(-4000);
      this.addOutput(d);
    });
    this.child.on('message', (m: unknown) => this.onMessage(m));
    this.child.once('error', (e) => this.die('spawn', msg.spawnFailed(e.message)));
    this.child.once('close', (code, signal) => this.onExit(code, signal));
  }

  /** Deliver settings and import the learner module; resolves with its exported function names. The time limit starts now. */
  init(init: InitMessage, timeLimitMs = this.limits.timeLimitMs): Promise<string[]> {
    this.limits = { ...this.limits, timeLimitMs };
    if (NICE_PREFIX.length) unNice(this.child.pid);
    // Idle pooled processes run no learner code: watch memory only from now on.
    this.watchdog = setInterval(() => this.checkRss(), RSS_POLL_MS);
    // Until the harness says learner code is loading, only Node and the drivers are starting.
    this.timer = setTimeout(() => this.die('spawn', msg.spawnFailed(`no answer within ${STARTUP_MS / 1000} s`)), STARTUP_MS);
    return new Promise<string[]>((resolve, reject) => {
      this.readyWaiter = { resolve: resolve as (v: unknown) => void, reject };
      this.onDeath((d) => reject(d));
      this.child.send(init, (e) => e && this.die('spawn', msg.spawnFailed(e.message)));
    });
  }

  /** Call an export; rejects with the learner's error (see fromLearner) when it throws, SandboxDied when the process died. */
  call(fn: string, args: unknown[]): Promise<unknown> {
    if (this.death) return Promise.reject(this.death);
    const id = this.nextId++;
    let encoded: Encoded[];
    try {
      encoded = args.map(encode);
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ t: 'call', id, fn, args: encoded });
    });
  }

  /** All output so far (capped at keepOutputChars). */
  output(): string {
    return this.outputText;
  }

  onOutput(listener: (chunk: string) => void): void {
    this.outputListeners.push(listener);
  }

  onDeath(listener: (d: SandboxDied) => void): void {
    if (this.death) listener(this.death);
    else this.deathListeners.push(listener);
  }

  get died(): SandboxDied | null {
    return this.death;
  }

  /** Kill the process group (idempotent) and wait for the exit. */
  async kill(): Promise<void> {
    this.die('aborted', msg.aborted());
    await this.exited;
  }

  private addOutput(data: string): void {
    this.outputTotal += data.length;
    if (this.outputTotal > this.limits.killOutputChars) {
      this.die('output', msg.outputFlood(this.limits.killOutputChars));
      return;
    }
    const room = this.limits.keepOutputChars - this.outputText.length;
    if (room > 0) this.outputText += data.slice(0, room);
    for (const l of this.outputListeners) l(data);
  }

  private onMessage(raw: unknown): void {
    if (typeof raw !== 'object' || raw === null) return;
    const m = raw as FromLearner;
    try {
      if (m.t === 'out' && typeof m.data === 'string') this.addOutput(m.data);
      else if (m.t === 'loading' && this.readyWaiter && !this.loading) {
        if (process.env.KEYSPACE_TRACE) process.stderr.write(`[keyspace] loading after ${(performance.now() - this.spawnedAt).toFixed(0)} ms since spawn\n`);
        this.startClock();
      }
      else if (m.t === 'ready' && this.readyWaiter) {
        if (process.env.KEYSPACE_TRACE) process.stderr.write(`[keyspace] learner process CPU at ready ${cpuMsOf(this.child.pid)} ms\n`);
        const names = Array.isArray(m.exports) ? m.exports.filter((x): x is string => typeof x === 'string') : [];
        this.readyWaiter.resolve(names);
        this.readyWaiter = null;
      } else if (m.t === 'import-error' && this.readyWaiter) {
        this.readyWaiter.reject(fromLearner(asError(decode(m.error))));
        this.readyWaiter = null;
      } else if (m.t === 'ret') this.settle(m);
    } catch {
      // A malformed message is a learner-side problem; the pending call will time out or fail.
    }
  }

  private settle(m: Extract<FromLearner, { t: 'ret' }>): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.ok === true) {
      try {
        p.resolve(decode(m.value));
      } catch (e) {
        p.reject(e as Error);
      }
    } else p.reject(fromLearner(asError(decode((m as { error: Encoded }).error))));
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (/heap out of memory|Allocation failed/i.test(this.stderrTail)) this.die('memory', msg.memoryLimit(this.limits.heapMb));
    else this.die('exit', msg.exited(code, signal, this.readyWaiter ? 'while loading' : 'during grading'));
    if (this.watchdog) clearInterval(this.watchdog);
  }

  /** Learner code starts now: from here the lab's wall-time limit applies. */
  private startClock(): void {
    this.loading = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.die('time', msg.timeLimit(this.limits.timeLimitMs)), this.limits.timeLimitMs);
  }

  /**
   * One pread(2) on a descriptor kept open since the first poll: ≈ 10 µs of the engine's CPU per
   * poll, against ≈ 300–400 µs for readFile (open, fstat, read, close through the thread pool),
   * 50 times a second per running learner process. The descriptor stays bound to this process:
   * once it is gone reads fail, they never reach a process that reused the pid.
   */
  private checkRss(): void {
    const pid = this.child.pid;
    if (!pid || this.death) return;
    try {
      this.statusFd ??= openSync(`/proc/${pid}/status`, 'r');
    } catch {
      // No /proc (not Linux) or the process is gone (onExit reports it): nothing to poll.
      if (this.watchdog) clearInterval(this.watchdog);
      return;
    }
    try {
      const n = readSync(this.statusFd, this.statusBuf, 0, this.statusBuf.length, 0);
      const kb = Number(/VmRSS:\s+(\d+)/.exec(this.statusBuf.toString('latin1', 0, n))?.[1] ?? 0);
      if (kb > this.limits.rssMb * 1024) this.die('memory', msg.memoryLimit(this.limits.rssMb));
    } catch {
      // The process is gone; onExit reports it.
    }
  }

  private closeStatus(): void {
    if (this.statusFd === null) return;
    try {
      closeSync(this.statusFd);
    } catch {
      // Already closed.
    }
    this.statusFd = null;
  }

  private die(kind: DeathKind, message: string): void {
    if (this.death) return;
    if (process.env.KEYSPACE_TRACE) process.stderr.write(`[keyspace] learner process CPU at end ${cpuMsOf(this.child.pid)} ms\n`);
    this.death = new SandboxDied(kind, message);
    if (this.timer) clearTimeout(this.timer);
    if (this.watchdog) clearInterval(this.watchdog);
    this.closeStatus();
    try {
      if (this.child.pid) process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    for (const p of this.pending.values()) p.reject(this.death);
    this.pending.clear();
    for (const l of this.deathListeners) l(this.death);
    this.deathListeners.length = 0;
  }
}

/** utime + stime of a live process, ms (proc(5) fields 14–15), for KEYSPACE_TRACE. */
function cpuMsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return -1;
  }
}

function asError(v: unknown): Error {
  return v instanceof Error ? v : new Error(String(v));
}
