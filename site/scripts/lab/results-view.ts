// Renders graded Results into the panel's task list: each task's status and, for checks that
// did not pass, the check's message (written to teach) and the learner output it captured.
import type { Results, TestResult } from '../../../labs/engine/contracts/results.ts';

export interface TaskView {
  el: HTMLElement;
  id: string;
}

export interface ResultsSummary {
  passedByTask: Record<string, boolean>;
  announcement: string;
}

const STATUS_TEXT = { pass: 'passed', fail: 'failed', error: 'error', pending: 'not graded' } as const;
type TaskStatus = keyof typeof STATUS_TEXT;

function statusOf(tests: TestResult[]): TaskStatus {
  if (tests.length === 0) return 'pending';
  if (tests.some((t) => t.status === 'error')) return 'error';
  return tests.every((t) => t.status === 'pass') ? 'pass' : 'fail';
}

function detailFor(tests: TestResult[]): DocumentFragment {
  const frag = document.createDocumentFragment();
  for (const t of tests.filter((x) => x.status !== 'pass')) {
    const p = document.createElement('p');
    const name = document.createElement('strong');
    name.textContent = t.name;
    p.append(name, document.createTextNode(` — ${t.message ?? STATUS_TEXT[t.status]}`));
    frag.append(p);
    if (t.output) {
      const details = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = 'Your output during this check';
      const pre = document.createElement('pre');
      pre.textContent = t.output;
      details.append(summary, pre);
      frag.append(details);
    }
  }
  return frag;
}

export function renderResults(tasks: TaskView[], results: Results): ResultsSummary {
  const passedByTask: Record<string, boolean> = {};
  let passed = 0;
  let firstFailure: string | null = null;
  for (const task of tasks) {
    const tests = results.tests.filter((t) => t.task === task.id);
    const status = statusOf(tests);
    passedByTask[task.id] = status === 'pass';
    if (status === 'pass') passed++;
    task.el.dataset.status = status;
    const statusEl = task.el.querySelector<HTMLElement>('[data-task-status]')!;
    statusEl.textContent = STATUS_TEXT[status];
    const detail = task.el.querySelector<HTMLElement>('[data-task-detail]')!;
    detail.replaceChildren(detailFor(tests));
    detail.hidden = detail.childElementCount === 0;
    const title = task.el.querySelector('.ks-lab__task-title')?.textContent ?? task.id;
    const failing = tests.find((t) => t.status !== 'pass');
    if (!firstFailure && failing) firstFailure = `${title}: ${failing.message ?? STATUS_TEXT[failing.status]}`;
  }
  let announcement: string;
  if (results.status === 'pass') announcement = `All ${tasks.length} tasks passed. Lab complete!`;
  else if (results.status === 'error' && results.tests.length === 0) announcement = `Your code could not be graded: ${results.message ?? 'error'}`;
  else announcement = `${passed} of ${tasks.length} tasks passed.${firstFailure ? ` First problem — ${firstFailure}` : ''}`;
  return { passedByTask, announcement };
}
