// Progress kept in the browser (localStorage): per-lab status and per-task outcome, quiz results,
// and code drafts. One versioned key for progress, one key per lab draft. Export/import moves
// both as one JSON document (progress page).
export type LabStatus = 'not-started' | 'attempted' | 'passed';

export interface LabProgress {
  status: Exclude<LabStatus, 'not-started'>;
  /** Task id → passed on the latest submit. */
  tasks: Record<string, boolean>;
  submits: number;
  updatedAt: string;
}

export interface QuizProgress {
  /** Chosen choice index per question (-1 = unanswered). */
  answers: number[];
  correct: number;
  total: number;
  updatedAt: string;
}

export interface Progress {
  version: 1;
  labs: Record<string, LabProgress>;
  quizzes: Record<string, QuizProgress>;
}

const KEY = 'keyspace:progress:v1';
const DRAFT_PREFIX = 'keyspace:draft:';
export const PROGRESS_EVENT = 'keyspace:progress';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // Storage disabled (privacy mode): progress simply is not kept.
  }
}

export function loadProgress(): Progress {
  const raw = storage()?.getItem(KEY);
  if (raw) {
    try {
      const p = JSON.parse(raw) as Progress;
      if (p && p.version === 1) return { version: 1, labs: p.labs ?? {}, quizzes: p.quizzes ?? {} };
    } catch {
      // Corrupt entry: start over rather than break every page.
    }
  }
  return { version: 1, labs: {}, quizzes: {} };
}

function save(p: Progress): void {
  storage()?.setItem(KEY, JSON.stringify(p));
  window.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
}

export function labStatus(id: string, p = loadProgress()): LabStatus {
  return p.labs[id]?.status ?? 'not-started';
}

/** Record a graded submit: passed only when every task passed; never downgrades a pass. */
export function recordSubmit(id: string, tasks: Record<string, boolean>, passed: boolean): LabProgress {
  const p = loadProgress();
  const prev = p.labs[id];
  const entry: LabProgress = {
    status: passed || prev?.status === 'passed' ? 'passed' : 'attempted',
    tasks,
    submits: (prev?.submits ?? 0) + 1,
    updatedAt: new Date().toISOString(),
  };
  p.labs[id] = entry;
  save(p);
  return entry;
}

export function recordQuiz(id: string, answers: number[], correct: number): void {
  const p = loadProgress();
  p.quizzes[id] = { answers, correct, total: answers.length, updatedAt: new Date().toISOString() };
  save(p);
}

export function loadDraft(labId: string): string | null {
  return storage()?.getItem(DRAFT_PREFIX + labId) ?? null;
}

export function saveDraft(labId: string, code: string): void {
  storage()?.setItem(DRAFT_PREFIX + labId, code);
}

export function clearDraft(labId: string): void {
  storage()?.removeItem(DRAFT_PREFIX + labId);
}

export interface ProgressExport extends Progress {
  exportedAt: string;
  drafts: Record<string, string>;
}

export function exportProgress(): ProgressExport {
  const drafts: Record<string, string> = {};
  const s = storage();
  for (let i = 0; s && i < s.length; i++) {
    const k = s.key(i)!;
    if (k.startsWith(DRAFT_PREFIX)) drafts[k.slice(DRAFT_PREFIX.length)] = s.getItem(k) ?? '';
  }
  return { ...loadProgress(), exportedAt: new Date().toISOString(), drafts };
}

/** Replace progress with an exported document; throws a readable Error when it is not one. */
export function importProgress(text: string): { labs: number; quizzes: number; drafts: number } {
  let doc: Partial<ProgressExport>;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error('That file is not JSON.');
  }
  if (!doc || doc.version !== 1 || typeof doc.labs !== 'object' || typeof doc.quizzes !== 'object') {
    throw new Error('That file is not a Keyspace progress export (expected "version": 1 with "labs" and "quizzes").');
  }
  for (const [id, lab] of Object.entries(doc.labs ?? {})) {
    if (!lab || (lab.status !== 'attempted' && lab.status !== 'passed')) throw new Error(`Lab "${id}" has an unknown status.`);
  }
  const drafts = Object.entries(doc.drafts ?? {}).filter(([, v]) => typeof v === 'string');
  for (const [id, code] of drafts) saveDraft(id, code);
  save({ version: 1, labs: doc.labs ?? {}, quizzes: doc.quizzes ?? {} });
  return { labs: Object.keys(doc.labs ?? {}).length, quizzes: Object.keys(doc.quizzes ?? {}).length, drafts: drafts.length };
}
