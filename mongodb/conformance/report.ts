// Human-readable and JSON renderings of a conformance run.
import type { RunSummary } from './runner.ts';

function pad(s: string | number, n: number): string {
  return String(s).padEnd(n);
}

/** Per-file table: one row per file with pass/fail/skip counts. */
export function fileTable(summary: RunSummary): string {
  const width = Math.max(4, ...summary.files.map((f) => f.file.length));
  const lines = [`${pad('file', width)}  pass  fail  skip`];
  for (const f of summary.files) {
    const n = (s: string) => f.tests.filter((t) => t.status === s).length;
    lines.push(`${pad(f.file, width)}  ${pad(n('passed'), 4)}  ${pad(n('failed'), 4)}  ${pad(n('skipped'), 4)}`);
  }
  return lines.join('\n');
}

export function failureList(summary: RunSummary): string {
  return summary.files
    .flatMap((f) => f.tests.filter((t) => t.status === 'failed').map((t) => `FAIL ${f.file} › ${t.description}\n     ${t.reason}`))
    .join('\n');
}

/** Skip reasons with their counts, most frequent first. */
export function skipReasons(summary: RunSummary): [string, number][] {
  const counts = new Map<string, number>();
  for (const t of summary.files.flatMap((f) => f.tests)) {
    if (t.status === 'skipped' && t.reason) counts.set(t.reason, (counts.get(t.reason) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/** The closing line CI reads ("N passed, N failed, N skipped" with one word and a colon before it). */
export function closingLine(summary: RunSummary): string {
  return `conformance: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`;
}

export function toJson(summary: RunSummary): string {
  return JSON.stringify(
    {
      server: { version: summary.server.version.join('.'), topology: summary.server.topology },
      passed: summary.passed,
      failed: summary.failed,
      skipped: summary.skipped,
      passRate: summary.passRate,
      files: summary.files,
    },
    null,
    2,
  );
}
