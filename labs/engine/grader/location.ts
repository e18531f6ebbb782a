// Map a learner-side error to the learner's file: the harness turns on source maps for it,
// so stack frames already name `<runDir>/<learnerFile>:line:column` in the original TypeScript.
// We pick the first such frame and strip the temp dir from the stack shown to the learner.

export interface Located {
  location: { line: number; column: number } | null;
  /** The stack with sandbox paths removed, learner frames first. */
  stack: string;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function locate(error: Error, runDir: string, learnerFile: string): Located {
  const stack = String(error.stack ?? `${error.name}: ${error.message}`);
  const frame = new RegExp(`(?:file://)?${escape(runDir)}/${escape(learnerFile)}:(\\d+):(\\d+)`);
  const m = frame.exec(stack);
  const cleaned = stack
    .split('\n')
    .filter((line) => !/^\s+at .*(node:internal|harness\.mjs)/.test(line))
    .join('\n')
    .replaceAll(`file://${runDir}/`, '')
    .replaceAll(`${runDir}/`, '');
  return { location: m ? { line: Number(m[1]), column: Number(m[2]) } : null, stack: cleaned };
}
