// The messages on the IPC channel between the trusted grader and the learner's harness.
// Everything the learner's process sends is untrusted: the grader validates each message's
// shape and treats anything odd as a wrong answer, never as a verdict.
import type { Encoded } from './codec.ts';

/** Trusted → harness: settings delivered before learner code loads (so a warm process can be reused once). */
export interface InitMessage {
  t: 'init';
  /** Absolute path of the compiled learner module. */
  file: string;
  /** Connection settings put into process.env before the learner's module is imported. */
  env: Record<string, string>;
  /** Bare packages the learner may import, resolved from the repo's node_modules. */
  packages: string[];
  /** File URLs of pre-bundled packages (sandbox/drivers.ts) the compiled module may import. */
  bundles: string[];
  /** node: builtins the learner may import. */
  builtins: string[];
  /** The repo root as a file URL; bare imports resolve from here. */
  resolveFrom: string;
}

/** Trusted → harness: call an exported function. */
export interface CallMessage {
  t: 'call';
  id: number;
  fn: string;
  args: Encoded[];
}

export type ToLearner = InitMessage | CallMessage;

/** Harness → trusted: the learner module loaded; `exports` names its exported functions. */
export interface ReadyMessage {
  t: 'ready';
  exports: string[];
}

/** Harness → trusted: importing the learner module threw. */
export interface ImportErrorMessage {
  t: 'import-error';
  error: Encoded;
}

/** Harness → trusted: answer to a call. */
export type ReturnMessage = { t: 'ret'; id: number; ok: true; value: Encoded } | { t: 'ret'; id: number; ok: false; error: Encoded };

/** Harness → trusted: console output. */
export interface OutputMessage {
  t: 'out';
  data: string;
}

/** Harness → trusted: drivers are loaded, learner code starts loading now (the time limit starts). */
export interface LoadingMessage {
  t: 'loading';
}

export type FromLearner = LoadingMessage | ReadyMessage | ImportErrorMessage | ReturnMessage | OutputMessage;
