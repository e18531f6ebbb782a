// Every message the engine produces for a learner or a lab author, in one place, so wording
// stays consistent and teaches. Errors are data: factories return strings or plain objects;
// the few thrown classes carry a `kind` the callers switch on.

/** Why a learner process stopped before it was done. */
export type DeathKind = 'time' | 'memory' | 'exit' | 'output' | 'aborted' | 'spawn';

export class SandboxDied extends Error {
  readonly kind: DeathKind;
  constructor(kind: DeathKind, message: string) {
    super(message);
    this.name = 'SandboxDied';
    this.kind = kind;
  }
}

/** A configuration or environment problem the operator must fix (missing binary, bad lab folder). */
export class EngineSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineSetupError';
  }
}

export const msg = {
  timeLimit: (ms: number) => `time limit ${ms / 1000} s exceeded`,
  memoryLimit: (mb: number) => `memory limit exceeded: your code used more than ${mb} MB`,
  outputFlood: (chars: number) => `output limit exceeded: your code printed more than ${chars} characters`,
  exited: (code: number | null, signal: string | null, during: string) =>
    signal ? `your code's process was killed (${signal}) ${during}` : `your code's process exited (code ${code}) ${during}; labs must not call process.exit()`,
  aborted: () => 'grading was cancelled',
  spawnFailed: (why: string) => `could not start a sandbox for your code: ${why}`,
  importThrew: (what: string) => `your code threw while loading: ${what}`,
  notExported: (fn: string) => `your file does not export a function named ${fn}`,
  remainingAfterCrash: (why: string) => `not run: ${why}`,
  noMain: () => 'your file does not export a function named main() to run',
  unknownCheckError: (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)),
  redisMissing: () => 'redis-server not found: install it with `apt-get install redis-server` (Debian/Ubuntu) or `brew install redis`',
  backendUnavailable: (name: string, why: string) => `the ${name} backend is not available: ${why}`,
  backendFailed: (e: unknown) => (e instanceof Error ? e.message : String(e)),
  codeTooLarge: (max: number) => `your code is larger than ${max} bytes`,
};
