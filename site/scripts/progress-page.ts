// The progress page: fills each lab row from localStorage; export downloads JSON, import reads one.
import { exportProgress, importProgress, loadProgress, PROGRESS_EVENT } from './progress.ts';

const LABEL = { passed: 'passed ✓', attempted: 'attempted', 'not-started': 'not started' } as const;

function paint(): void {
  const progress = loadProgress();
  const rows = [...document.querySelectorAll<HTMLElement>('[data-lab-row]')];
  let passed = 0;
  for (const row of rows) {
    const entry = progress.labs[row.dataset.labRow!];
    const status = entry?.status ?? 'not-started';
    if (status === 'passed') passed++;
    const cell = row.querySelector<HTMLElement>('[data-cell="status"]')!;
    cell.dataset.status = status;
    cell.textContent = LABEL[status];
    const done = entry ? Object.values(entry.tasks).filter(Boolean).length : 0;
    row.querySelector('[data-cell="tasks"]')!.textContent = `${done} / ${row.dataset.taskCount}`;
  }
  const quizzes = Object.values(progress.quizzes);
  const quizText = quizzes.length ? ` Knowledge checks taken: ${quizzes.length} (${quizzes.reduce((n, q) => n + q.correct, 0)} of ${quizzes.reduce((n, q) => n + q.total, 0)} answers right).` : '';
  document.querySelector('[data-progress-summary]')!.textContent = `${passed} of ${rows.length} labs passed.${quizText}`;
}

export function mountProgressPage(): void {
  const live = document.querySelector<HTMLElement>('[data-progress-live]')!;
  paint();
  window.addEventListener(PROGRESS_EVENT, paint);
  window.addEventListener('storage', paint);
  document.querySelector('[data-action="export"]')!.addEventListener('click', () => {
    const blob = new Blob([JSON.stringify(exportProgress(), null, 2)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `keyspace-progress-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    URL.revokeObjectURL(a.href);
    live.textContent = 'Progress exported.';
  });
  const input = document.querySelector<HTMLInputElement>('[data-action="import"]')!;
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    try {
      const n = importProgress(await file.text());
      live.textContent = `Imported ${n.labs} labs, ${n.quizzes} knowledge checks and ${n.drafts} code drafts.`;
    } catch (err) {
      live.textContent = `Import failed: ${(err as Error).message}`;
    }
    input.value = '';
  });
}
