// Renders graded results as a per-task report.
import type { LabManifest } from '../contracts/manifest.ts';
import type { Results } from '../contracts/results.ts';
import { MARK, bad, bold, dim, ok } from './format.ts';

const indent = (text: string, pad: string): string => text.split('\n').map((l) => pad + l).join('\n');

export function renderResults(manifest: LabManifest, r: Results): string {
  const lines: string[] = [bold(manifest.title)];
  if (r.status === 'error' && r.tests.length === 0) {
    const where = r.location ? ` at ${manifest.learnerFile}:${r.location.line}:${r.location.column}` : '';
    lines.push(`${MARK.error} ${bad('could not grade' + where)}`, indent(r.message ?? '', '    '));
    return lines.join('\n');
  }
  manifest.tasks.forEach((task, i) => {
    const tests = r.tests.filter((t) => t.task_id === i + 1);
    const status = tests.every((t) => t.status === 'pass') ? 'pass' : tests.some((t) => t.status === 'error') ? 'error' : 'fail';
    lines.push(`${MARK[status]} Task ${i + 1}: ${task.title}`);
    for (const t of tests) {
      lines.push(`    ${MARK[t.status]} ${t.name}`);
      if (t.message) lines.push(indent(t.message, '        '));
      if (t.output && t.status !== 'pass') lines.push(dim(indent(`output:\n${t.output.trimEnd()}`, '        ')));
    }
  });
  const passed = r.tests.filter((t) => t.status === 'pass').length;
  const verdict = r.status === 'pass' ? ok('All checks pass!') : r.status === 'error' ? bad(`Error: ${r.message}`) : bad(`${passed}/${r.tests.length} checks pass`);
  lines.push('', `${verdict} ${dim(`(${r.duration_ms} ms)`)}`);
  return lines.join('\n');
}
