// `npm test`: every suite the project has, in one command, with one closing line.
// Stages run in order and all run even when one fails, so a CI log shows every failure.
// Each stage prints its own report; we read its counts from the plain line it ends with
// ("<word>: N passed, N failed[, N skipped]") or, for Vitest, from its JSON report.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const stateDir = join(root, '.keyspace');
mkdirSync(stateDir, { recursive: true });
const vitestJson = join(stateDir, 'vitest-report.json');

interface Stage {
  name: string;
  args: string[];
  /** Counts from the stage's output, or undefined when it printed none. */
  counts(output: string): Counts | undefined;
}
interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** The last "word: N passed, N failed[, N skipped]" line of a stage's output. */
function plainCounts(output: string): Counts | undefined {
  const lines = [...output.matchAll(/^(?:[\w-]+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/gm)];
  const last = lines.at(-1);
  if (!last) return undefined;
  return { passed: Number(last[1]), failed: Number(last[2]), skipped: Number(last[3] ?? 0) };
}

function vitestCounts(): Counts | undefined {
  if (!existsSync(vitestJson)) return undefined;
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
}

const node = process.execPath;
const stages: Stage[] = [
  {
    name: 'unit and integration (vitest)',
    args: [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
    counts: () => vitestCounts(),
  },
  {
    // One "test" per error: a clean type check counts as one passed check.
    name: 'types (tsc --noEmit)',
    args: [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', root],
    counts: (output) => {
      const errors = output.match(/error TS\d+:/g)?.length ?? 0;
      return { passed: errors === 0 ? 1 : 0, failed: errors, skipped: 0 };
    },
  },
  { name: 'labs (keyspace verify)', args: [join(root, 'labs/engine/cli/main.ts'), 'verify'], counts: plainCounts },
  { name: 'mongodb conformance', args: [join(root, 'mongodb/conformance/run.ts'), '--min-pass-rate', '0.95'], counts: plainCounts },
  { name: 'end-to-end (playwright)', args: [join(root, 'site/e2e/run.ts')], counts: plainCounts },
];

function runStage(stage: Stage): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(node, stage.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    let output = '';
    const tee = (chunk: Buffer, to: NodeJS.WriteStream) => {
      output += chunk.toString();
      to.write(chunk);
    };
    child.stdout.on('data', (c: Buffer) => tee(c, process.stdout));
    child.stderr.on('data', (c: Buffer) => tee(c, process.stderr));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

{
  const only = process.argv.slice(2);
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  const summary: string[] = [];
  let ok = true;
  for (const stage of stages) {
    if (only.length && !only.some((o) => stage.name.includes(o))) continue;
    console.log(`\n=== ${stage.name}`);
    const started = performance.now();
    const { code, output } = await runStage(stage);
    const counts = stage.counts(output);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (counts) {
      total.passed += counts.passed;
      total.failed += counts.failed;
      total.skipped += counts.skipped;
    }
    // A stage that exits non-zero fails even if its counts look clean (e.g. a crash after the report).
    if (code !== 0) ok = false;
    if (code !== 0 && (!counts || counts.failed === 0)) total.failed += 1;
    const what = counts ? `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped` : 'no counts';
    summary.push(`${code === 0 ? 'ok  ' : 'FAIL'} ${stage.name}: ${what} (exit ${code}, ${seconds} s)`);
  }
  console.log('\n=== summary');
  for (const line of summary) console.log(line);
  console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(ok ? 0 : 1);
}
