// progress.ts against an in-memory localStorage (the module only touches window.localStorage
// and window.dispatchEvent).
import { beforeEach, describe, expect, it } from 'vitest';

class MemoryStorage {
  private m = new Map<string, string>();
  get length() {
    return this.m.size;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.m.set(k, String(v));
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
}
const events: string[] = [];
(globalThis as Record<string, unknown>).window = { localStorage: new MemoryStorage(), dispatchEvent: (e: Event) => events.push(e.type) };
(globalThis as Record<string, unknown>).CustomEvent ??= class extends Event {};
const p = await import('./progress.ts');

beforeEach(() => {
  (globalThis as unknown as { window: { localStorage: MemoryStorage } }).window.localStorage = new MemoryStorage();
});

describe('progress', () => {
  it('starts empty and records attempts, then a pass that is never downgraded', () => {
    expect(p.labStatus('x')).toBe('not-started');
    p.recordSubmit('x', { a: true, b: false }, false);
    expect(p.labStatus('x')).toBe('attempted');
    p.recordSubmit('x', { a: true, b: true }, true);
    expect(p.labStatus('x')).toBe('passed');
    p.recordSubmit('x', { a: false, b: false }, false);
    expect(p.labStatus('x')).toBe('passed');
    expect(p.loadProgress().labs.x!.submits).toBe(3);
    expect(events).toContain(p.PROGRESS_EVENT);
  });

  it('exports progress with drafts and imports it elsewhere', () => {
    p.recordSubmit('x', { a: true }, true);
    p.recordQuiz('q', [1, 0, -1], 1);
    p.saveDraft('x', 'export const a = 1;');
    const doc = JSON.stringify(p.exportProgress());
    (globalThis as unknown as { window: { localStorage: MemoryStorage } }).window.localStorage = new MemoryStorage();
    expect(p.labStatus('x')).toBe('not-started');
    expect(p.importProgress(doc)).toEqual({ labs: 1, quizzes: 1, drafts: 1 });
    expect(p.labStatus('x')).toBe('passed');
    expect(p.loadDraft('x')).toBe('export const a = 1;');
    expect(p.loadProgress().quizzes.q!.correct).toBe(1);
  });

  it('rejects files that are not progress exports, changing nothing', () => {
    p.recordSubmit('keep', {}, false);
    expect(() => p.importProgress('nope')).toThrow(/not JSON/);
    expect(() => p.importProgress('{"version": 2}')).toThrow(/not a Keyspace progress export/);
    expect(() => p.importProgress('{"version":1,"labs":{"x":{"status":"hacked"}},"quizzes":{}}')).toThrow(/unknown status/);
    expect(p.labStatus('keep')).toBe('attempted');
  });

  it('survives a corrupt entry', () => {
    window.localStorage.setItem('keyspace:progress:v1', '{oops');
    expect(p.loadProgress()).toEqual({ version: 1, labs: {}, quizzes: {} });
  });
});
