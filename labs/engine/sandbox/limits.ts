// Resource limits of one learner process, and the Node flags that enforce the sandbox.
// Permission model: https://nodejs.org/api/permissions.html — with --permission, file reads
// and writes are limited to the allow-lists; child processes, workers, addons, WASI and the
// inspector are refused because we grant none of them.

export interface SandboxLimits {
  /** Wall time from loading the learner module to the end of grading, ms. */
  timeLimitMs: number;
  /** V8 old-space cap, MB (--max-old-space-size). */
  heapMb: number;
  /** Resident set cap, MB, enforced by polling /proc/<pid>/status (catches Buffer bombs). */
  rssMb: number;
  /** Output kept for display, characters. */
  keepOutputChars: number;
  /** Output beyond which the process is killed (a flood), characters. */
  killOutputChars: number;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  timeLimitMs: 10_000,
  heapMb: 128,
  rssMb: 320,
  keepOutputChars: 64_000,
  killOutputChars: 8_000_000,
};

/** Node flags for a learner process that may read `readable` paths and write only `runDir`. */
export function sandboxFlags(runDir: string, readable: readonly string[], limits: SandboxLimits): string[] {
  const flags = [
    '--permission',
    `--allow-fs-read=${runDir}`,
    ...readable.map((p) => `--allow-fs-read=${p}`),
    `--allow-fs-write=${runDir}`,
    `--max-old-space-size=${limits.heapMb}`,
    '--disable-warning=ExperimentalWarning',
  ];
  return flags;
}
