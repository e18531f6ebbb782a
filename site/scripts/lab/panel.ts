// One lab panel's behaviour: autosave, Submit (per-task results), Run (streamed output), hints,
// Reset, Reveal. Markup comes from site/components/Lab.astro; every outcome is also announced
// through the panel's polite live region so screen-reader users hear results.
import * as api from './api.ts';
import { renderResults, type TaskView } from './results-view.ts';
import { textareaEditor, type CodeEditor, type CodeMarker } from './editor.ts';
import { clearDraft, labStatus, loadDraft, loadProgress, recordSubmit, saveDraft } from '../progress.ts';

const STATE_TEXT = { 'not-started': 'not started', attempted: 'attempted', passed: 'passed ✓' } as const;

export class LabPanel {
  readonly root: HTMLElement;
  readonly id: string;
  readonly packages: string[];
  readonly fileName: string;
  editor: CodeEditor;
  private readonly starter: string;
  private busy = false;
  private hintsShown = 0;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(root: HTMLElement) {
    this.root = root;
    this.id = root.dataset.labId!;
    this.packages = (root.dataset.packages ?? '').split(' ').filter(Boolean);
    this.fileName = root.dataset.file ?? 'solution.ts';
    this.starter = JSON.parse(this.q('[data-starter]').textContent ?? '""') as string;
    const textarea = this.q<HTMLTextAreaElement>('[data-fallback]');
    const draft = loadDraft(this.id);
    if (draft !== null) textarea.value = draft;
    this.editor = textareaEditor(textarea);
    this.editor.onChange(() => this.scheduleSave());
    this.renderState();

    this.button('submit').addEventListener('click', () => void this.submit());
    this.button('run').addEventListener('click', () => void this.run());
    this.button('hint').addEventListener('click', () => this.nextHint());
    this.button('reset').addEventListener('click', () => this.reset());
    this.button('reveal').addEventListener('click', () => void this.reveal());
    this.button('focus').addEventListener('click', () => this.setFocusMode(!this.root.classList.contains('ks-lab--focus')));
    root.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void this.submit();
      }
      // Escape inside Monaco closes its own widgets (suggestions, find), so it only leaves full
      // screen from outside the editor.
      const inEditor = e.target instanceof Element && e.target.closest('.monaco-editor') !== null;
      if (e.key === 'Escape' && !inEditor && this.root.classList.contains('ks-lab--focus')) {
        e.preventDefault();
        this.setFocusMode(false);
      }
    });
  }

  /** Give the lab the whole window (instructions left, editor right), or put it back in the page. */
  setFocusMode(on: boolean): void {
    this.root.classList.toggle('ks-lab--focus', on);
    const button = this.button('focus');
    button.setAttribute('aria-pressed', String(on));
    button.textContent = on ? 'Exit full screen' : 'Full screen';
    button.title = on ? 'Or press Escape outside the editor' : 'Give the lab the whole window';
    if (on) this.editor.focus();
    else this.root.scrollIntoView({ block: 'start' });
    this.announce(on ? 'The lab fills the window. Press Escape outside the editor to leave.' : 'The lab is back in the page.');
  }

  /** Swap the textarea for a richer editor (Monaco), keeping the code and the focus. */
  adoptEditor(make: (value: string) => CodeEditor): void {
    const textarea = this.q<HTMLTextAreaElement>('[data-fallback]');
    const hadFocus = document.activeElement === textarea;
    const host = this.q('[data-monaco]');
    host.hidden = false;
    this.editor = make(this.editor.getValue());
    textarea.hidden = true;
    this.root.dataset.editor = 'monaco';
    this.editor.onChange(() => this.scheduleSave());
    if (hadFocus) this.editor.focus();
  }

  /** The editor's TypeScript diagnostics, summarised in the file bar (hover for the list). */
  showProblems(markers: CodeMarker[]): void {
    const el = this.q('[data-problems]');
    const errors = markers.filter((m) => m.severity === 'error').length;
    el.dataset.count = String(markers.length);
    el.textContent = markers.length === 0 ? 'no problems' : `${errors} error${errors === 1 ? '' : 's'}, ${markers.length - errors} warning${markers.length - errors === 1 ? '' : 's'}`;
    el.title = markers.map((m) => `line ${m.line}: ${m.message}`).join('\n');
  }

  private q<T extends HTMLElement = HTMLElement>(selector: string): T {
    return this.root.querySelector<T>(selector)!;
  }

  private button(action: string): HTMLButtonElement {
    return this.q<HTMLButtonElement>(`[data-action="${action}"]`);
  }

  private announce(text: string): void {
    const live = this.q('[data-live]');
    // Clearing first makes repeated identical messages be announced again.
    live.textContent = '';
    requestAnimationFrame(() => (live.textContent = text));
  }

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      saveDraft(this.id, this.editor.getValue());
      this.q('[data-saved]').textContent = 'saved';
    }, 300);
  }

  private renderState(): void {
    const status = labStatus(this.id);
    this.root.dataset.state = status;
    this.q('[data-lab-state]').textContent = STATE_TEXT[status];
    const submitted = (loadProgress().labs[this.id]?.submits ?? 0) > 0;
    const reveal = this.button('reveal');
    reveal.disabled = !submitted;
    reveal.title = submitted ? 'Replace your code with the reference solution' : 'Available after your first submit';
  }

  private setBusy(busy: boolean, label?: string): void {
    this.busy = busy;
    this.root.setAttribute('aria-busy', String(busy));
    for (const a of ['submit', 'run']) this.button(a).disabled = busy;
    if (label) this.announce(label);
  }

  private console(title: string): HTMLElement {
    const box = this.q('[data-console]');
    box.hidden = false;
    this.q('[data-console-title]').textContent = title;
    const out = this.q('[data-output]');
    out.textContent = '';
    return out;
  }

  async submit(): Promise<void> {
    if (this.busy) return;
    const code = this.editor.getValue();
    saveDraft(this.id, code);
    this.setBusy(true, 'Grading your code…');
    this.q('[data-console]').hidden = true;
    try {
      const results = await api.submit(this.id, code);
      const tasks = [...this.root.querySelectorAll<HTMLElement>('[data-task]')].map<TaskView>((el) => ({ el, id: el.dataset.task! }));
      const summary = renderResults(tasks, results);
      recordSubmit(this.id, summary.passedByTask, results.status === 'pass');
      if (results.status === 'error') {
        const out = this.console('Could not grade');
        out.textContent = results.message ?? 'Unknown error';
        if (results.location) this.editor.revealLine(results.location.line, results.location.column);
      }
      this.renderState();
      this.announce(summary.announcement);
    } catch (err) {
      this.showError(err);
    } finally {
      this.setBusy(false);
    }
  }

  async run(): Promise<void> {
    if (this.busy) return;
    const code = this.editor.getValue();
    saveDraft(this.id, code);
    this.setBusy(true, 'Running main()…');
    const out = this.console('Output of main()');
    try {
      const outcome = await api.run(this.id, code, (chunk) => out.append(chunk));
      const tail: string[] = [];
      if (outcome.returned !== null) tail.push(`\n→ returned ${outcome.returned}`);
      if (outcome.status === 'error') tail.push(`\n✗ ${outcome.message ?? 'error'}${outcome.location ? ` (line ${outcome.location.line}, column ${outcome.location.column})` : ''}`);
      tail.push(`\n${outcome.status === 'ok' ? '✓ finished' : '✗ failed'} in ${Math.round(outcome.duration_ms)} ms`);
      out.append(tail.join(''));
      this.announce(outcome.status === 'ok' ? 'Run finished.' : `Run failed: ${outcome.message ?? 'error'}`);
      if (outcome.location) this.editor.revealLine(outcome.location.line, outcome.location.column);
    } catch (err) {
      this.showError(err);
    } finally {
      this.setBusy(false);
    }
  }

  private showError(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.console('Error').textContent = message;
    this.announce(`Error: ${message}`);
  }

  private nextHint(): void {
    const hints = [...this.root.querySelectorAll<HTMLElement>('[data-hint]')];
    const hint = hints[this.hintsShown];
    if (!hint) return;
    hint.hidden = false;
    this.hintsShown++;
    const left = hints.length - this.hintsShown;
    this.q('[data-hint-count]').textContent = `(${left} left)`;
    if (left === 0) this.button('hint').disabled = true;
    this.announce(`Hint ${this.hintsShown} of ${hints.length}: ${hint.textContent ?? ''}`);
  }

  private reset(): void {
    if (!window.confirm('Replace your code with the starter code? You can undo this in the editor (Ctrl+Z).')) return;
    this.editor.setValue(this.starter);
    clearDraft(this.id);
    this.announce('Code reset to the starter.');
    this.editor.focus();
  }

  private async reveal(): Promise<void> {
    if (!window.confirm('Replace your code with the reference solution? Try the hints first — you learn more by getting there yourself.')) return;
    try {
      const code = await api.solution(this.id);
      this.editor.setValue(code);
      saveDraft(this.id, code);
      this.announce('The reference solution is now in the editor.');
      this.editor.focus();
    } catch (err) {
      this.showError(err);
    }
  }
}
