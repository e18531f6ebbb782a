// Loads and validates the lab catalog: one folder per lab under labs/catalog/<id>/.
// A broken lab never takes the others down: it is reported as a problem and left out.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseManifest, type LabManifest } from '../contracts/manifest.ts';
import type { Check, FixtureContext } from '../contracts/checks.ts';

export interface WrongSolution {
  /** File name under wrong/, e.g. "forgets-conflict.ts". */
  name: string;
  code: string;
}

/** A validated lab folder with its trusted parts loaded. */
export interface Lab {
  manifest: LabManifest;
  dir: string;
  starter: string;
  solution: string;
  wrong: WrongSolution[];
  checks: Check<unknown>[];
  fixture: ((ctx: FixtureContext) => Promise<void>) | null;
}

/** A lab folder that could not be loaded, and why. */
export interface CatalogProblem {
  folder: string;
  message: string;
}

export interface Catalog {
  labs: Lab[];
  problems: CatalogProblem[];
}

const REQUIRED = ['lab.json', 'starter.ts', 'solution.ts', 'checks.ts'];

function chapterKey(chapter: string): [number, number] {
  const [a, b] = chapter.split('.').map(Number);
  return [a, b];
}

function compareLabs(x: Lab, y: Lab): number {
  const [a1, b1] = chapterKey(x.manifest.chapter);
  const [a2, b2] = chapterKey(y.manifest.chapter);
  return a1 - a2 || b1 - b2 || x.manifest.id.localeCompare(y.manifest.id);
}

function readWrong(dir: string): WrongSolution[] {
  const wrongDir = path.join(dir, 'wrong');
  if (!existsSync(wrongDir)) return [];
  return readdirSync(wrongDir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((name) => ({ name, code: readFileSync(path.join(wrongDir, name), 'utf8') }));
}

/** Validate checks against the manifest: known tasks, every task checked, task order kept. */
export function checkProblems(manifest: LabManifest, checks: unknown): string[] {
  if (!Array.isArray(checks)) return ['checks.ts must `export default defineChecks([...])`'];
  const problems: string[] = [];
  const order = manifest.tasks.map((t) => t.id);
  let last = 0;
  checks.forEach((c: Partial<Check<unknown>>, i) => {
    const where = `checks[${i}]${c?.name ? ` "${c.name}"` : ''}`;
    if (typeof c?.name !== 'string' || typeof c.run !== 'function') problems.push(`${where}: needs a name and a run function`);
    const at = order.indexOf(String(c?.task));
    if (at < 0) problems.push(`${where}: task "${c?.task}" is not in lab.json tasks (${order.join(', ')})`);
    else if (at < last) problems.push(`${where}: checks must follow the task order of lab.json`);
    else last = at;
  });
  for (const id of order) if (!checks.some((c: Partial<Check<unknown>>) => c?.task === id)) problems.push(`task "${id}" has no check`);
  return problems;
}

async function loadLab(dir: string, folder: string): Promise<Lab> {
  const missing = REQUIRED.filter((f) => !existsSync(path.join(dir, f)));
  if (missing.length) throw new Error(`missing ${missing.join(', ')}`);
  const manifest = parseManifest(JSON.parse(readFileSync(path.join(dir, 'lab.json'), 'utf8')), `${folder}/lab.json`);
  if (manifest.id !== folder) throw new Error(`lab.json id "${manifest.id}" must equal the folder name "${folder}"`);
  const checksModule = (await import(pathToFileURL(path.join(dir, 'checks.ts')).href)) as { default?: unknown };
  const problems = checkProblems(manifest, checksModule.default);
  if (problems.length) throw new Error(problems.join('\n'));
  let fixture: Lab['fixture'] = null;
  const fixturePath = path.join(dir, 'fixture.ts');
  if (existsSync(fixturePath)) {
    const mod = (await import(pathToFileURL(fixturePath).href)) as { default?: unknown };
    if (typeof mod.default !== 'function') throw new Error('fixture.ts must `export default defineFixture(async (ctx) => { ... })`');
    fixture = mod.default as Lab['fixture'];
  }
  return {
    manifest,
    dir,
    starter: readFileSync(path.join(dir, 'starter.ts'), 'utf8'),
    solution: readFileSync(path.join(dir, 'solution.ts'), 'utf8'),
    wrong: readWrong(dir),
    checks: checksModule.default as Check<unknown>[],
    fixture,
  };
}

/** Load every lab folder under `labsDir`; folders starting with "_" or "." are skipped. */
export async function loadCatalog(labsDir: string): Promise<Catalog> {
  const labs: Lab[] = [];
  const problems: CatalogProblem[] = [];
  const folders = existsSync(labsDir) ? readdirSync(labsDir).filter((f) => !/^[._]/.test(f) && statSync(path.join(labsDir, f)).isDirectory()) : [];
  for (const folder of folders.sort()) {
    try {
      labs.push(await loadLab(path.join(labsDir, folder), folder));
    } catch (e) {
      problems.push({ folder, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return { labs: labs.sort(compareLabs), problems };
}
