// Knowledge checks: mark each answer, show the explanation, keep the score with progress.
import { loadProgress, recordQuiz } from './progress.ts';

function mark(section: HTMLElement, save: boolean): void {
  const items = [...section.querySelectorAll<HTMLElement>('.ks-quiz__question')];
  const answers = items.map((li) => {
    const checked = li.querySelector<HTMLInputElement>('input:checked');
    return checked ? Number(checked.value) : -1;
  });
  let correct = 0;
  items.forEach((li, i) => {
    const right = Number(li.dataset.answer);
    const status = answers[i] === -1 ? 'unanswered' : answers[i] === right ? 'right' : 'wrong';
    if (status === 'right') correct++;
    li.dataset.status = status;
    const labels = [...li.querySelectorAll<HTMLElement>('.ks-quiz__choice')];
    labels.forEach((label, ci) => {
      label.dataset.mark = ci === right ? 'right' : ci === answers[i] ? 'wrong' : '';
    });
    const verdict = li.querySelector('[data-verdict]')!;
    const answer = document.createElement('span');
    answer.className = 'ks-quiz__answer';
    answer.textContent = labels[right]?.textContent?.trim() ?? '';
    verdict.replaceChildren(status === 'right' ? 'Correct.' : status === 'wrong' ? 'Not quite. The answer: ' : 'Not answered. The answer: ');
    if (status !== 'right') verdict.append(answer);
    li.querySelector<HTMLElement>('[data-feedback]')!.hidden = false;
  });
  section.querySelector('[data-score]')!.textContent = `${correct} of ${items.length} correct.`;
  if (save) recordQuiz(section.dataset.quizId!, answers, correct);
}

export function mountQuizzes(): void {
  for (const section of document.querySelectorAll<HTMLElement>('section.ks-quiz[data-quiz-id]')) {
    if (section.dataset.mounted) continue;
    section.dataset.mounted = 'true';
    const form = section.querySelector('form')!;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      mark(section, true);
    });
    form.addEventListener('reset', () => {
      for (const li of section.querySelectorAll<HTMLElement>('.ks-quiz__question')) {
        li.dataset.status = 'unanswered';
        for (const label of li.querySelectorAll<HTMLElement>('.ks-quiz__choice')) label.dataset.mark = '';
        li.querySelector<HTMLElement>('[data-feedback]')!.hidden = true;
      }
      section.querySelector('[data-score]')!.textContent = '';
    });
    // Restore the last attempt so a returning reader sees their marks.
    const saved = loadProgress().quizzes[section.dataset.quizId!];
    if (saved) {
      section.querySelectorAll<HTMLElement>('.ks-quiz__question').forEach((li, i) => {
        const input = li.querySelectorAll<HTMLInputElement>('input')[saved.answers[i] ?? -1];
        if (input) input.checked = true;
      });
      mark(section, false);
    }
  }
}
