// Grading benchmark on embedded backends: submit → graded latency (warm) for the sample labs,
// and throughput with 1, 4 and 16 concurrent submitters (distinct learners).
// Goals (labs/README.md): p50 ≤ 150 ms, p95 ≤ 400 ms warm; ≥ 20 gradings/s at 16 on 2 cores.
//
//   node scripts/bench-grading.ts [--rounds 20] [--seconds 10] [--warm 2] [--labs a,b] [--fresh-code]
//
// By default every submission is the same solution, as a learner resubmitting unchanged code
// (the engine's compile cache answers); --fresh-code appends a distinct comment to each one, so
// every grading also pays esbuild.
import { parseArgs } from 'node:util';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { createEngine } from '../labs/engine/engine.ts';
import { REPO_ROOT } from '../labs/engine/paths.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '10' },
    warm: { type: 'string', default: '2' },
    labs: { type: 'string', default: 'sample-pg-upsert,sample-redis-counter' },
    'fresh-code': { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const labs = values.labs.split(',');
let submissions = 0;
/** The code to submit: the solution, made distinct with --fresh-code. */
const codeOf = (id: string): string => engine.solution(id) + (values['fresh-code'] ? `\n// submission ${++submissions}\n` : '');

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU ms used by this process (the engine), and by it plus its reaped children (the learner processes), from /proc. */
function cpuMs(): { engine: number; total: number } {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  // utime, stime, cutime, cstime are fields 14–17 (1-based) of proc(5); [1] here is field 3.
  const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => (Number(fields[i]) * 1000) / 100);
  return { engine: utime + stime, total: utime + stime + cutime + cstime };
}

const engine = await createEngine({ backend: 'embedded', warmProcesses: Number(values.warm) });
const report: Record<string, unknown> = { date: new Date().toISOString(), cpus: cpus().length, loadavgBefore: loadavg().map((x) => +x.toFixed(2)), warm: Number(values.warm), freshCode: values['fresh-code'] };

try {
  const latency: Record<string, unknown> = {};
  for (const id of labs) {
    // Start the backends and fill the pool before measuring.
    await engine.submit(id, codeOf(id), { learner: 'bench-latency' });
    await sleep(1500);
    const times: number[] = [];
    const cpu0 = cpuMs();
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const r = await engine.submit(id, codeOf(id), { learner: 'bench-latency' });
      if (r.status !== 'pass') throw new Error(`${id}: the solution did not pass: ${r.message ?? JSON.stringify(r.tests)}`);
      times.push(performance.now() - t0);
      // A learner does not resubmit instantly: give the pool time to refill, as in real use.
      await sleep(300);
    }
    // Includes the pool's refills: one learner process spawned per grading.
    const cpu1 = cpuMs();
    const cpuPerGrading = Math.round((cpu1.total - cpu0.total) / rounds);
    const engineCpu = Math.round((cpu1.engine - cpu0.engine) / rounds);
    latency[id] = { p50: pct(times, 50), p95: pct(times, 95), min: pct(times, 0), max: pct(times, 100), n: times.length, cpuMsPerGrading: cpuPerGrading, engineCpuMsPerGrading: engineCpu };
    console.log(`${id}: warm latency p50 ${pct(times, 50)} ms, p95 ${pct(times, 95)} ms, min ${pct(times, 0)} ms (n=${times.length}); CPU per grading ${cpuPerGrading} ms (engine ${engineCpu} ms + learner process; databases excluded)`);
  }
  report.latency = latency;

  const throughput: Record<string, unknown> = {};
  for (const concurrency of [1, 4, 16]) {
    const perLab: Record<string, number> = {};
    for (const id of labs) {
      // One warm-up grading per learner so namespaces exist (first Redis server start, role creation).
      await Promise.all(Array.from({ length: concurrency }, (_, i) => engine.submit(id, codeOf(id), { learner: `bench-${concurrency}-${i}` })));
      let done = 0;
      let failed = 0;
      let firstFailure = '';
      const until = performance.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: concurrency }, async (_, i) => {
          while (performance.now() < until) {
            const r = await engine.submit(id, codeOf(id), { learner: `bench-${concurrency}-${i}` });
            if (r.status === 'pass') done++;
            else if (failed++ === 0) firstFailure = r.message ?? r.tests.find((t) => t.status !== 'pass')?.message ?? '';
          }
        }),
      );
      perLab[id] = +(done / seconds).toFixed(1);
      console.log(`${id}: ${concurrency} submitter(s): ${perLab[id]} gradings/s${failed ? ` (${failed} did not pass under load, e.g. ${firstFailure})` : ''}`);
    }
    throughput[String(concurrency)] = perLab;
  }
  report.throughput = throughput;
  report.loadavgAfter = loadavg().map((x) => +x.toFixed(2));
  const dir = path.join(REPO_ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = values['fresh-code'] ? 'grading-fresh-code.json' : 'grading.json';
  writeFileSync(path.join(dir, file), JSON.stringify(report, null, 2));
  console.log(`load average before ${report.loadavgBefore}, after ${report.loadavgAfter}; written to bench-results/${file}`);
} finally {
  await engine.close();
}
