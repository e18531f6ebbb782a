// The code editor a lab panel talks to: the plain <textarea> until Monaco has loaded, then Monaco.
export interface CodeMarker {
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface CodeEditor {
  getValue(): string;
  setValue(text: string): void;
  focus(): void;
  onChange(cb: () => void): void;
  /** TypeScript diagnostics (Monaco only). */
  markers(): CodeMarker[];
  revealLine(line: number, column: number): void;
}

/** Wraps the panel's fallback <textarea>; Tab inserts two spaces, Escape then Tab leaves. */
export function textareaEditor(el: HTMLTextAreaElement): CodeEditor {
  let escaped = false;
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') escaped = true;
    else if (e.key === 'Tab' && !escaped && !e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      el.setRangeText('  ', el.selectionStart, el.selectionEnd, 'end');
      el.dispatchEvent(new Event('input'));
    } else escaped = false;
  });
  return {
    getValue: () => el.value,
    setValue: (text) => {
      el.value = text;
      el.dispatchEvent(new Event('input'));
    },
    focus: () => el.focus(),
    onChange: (cb) => el.addEventListener('input', cb),
    markers: () => [],
    revealLine: (line, column) => {
      const lines = el.value.split('\n');
      const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
      el.focus();
      el.setSelectionRange(offset, offset);
    },
  };
}
