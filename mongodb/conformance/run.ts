// CLI: runs the MongoDB CRUD conformance suite (unified test format) through the official driver.
//
//   node mongodb/conformance/run.ts [--uri URI] [--min-pass-rate 0.95] [--file SUBSTR] [--grep SUBSTR]
//                                   [--skip-collation] [--quiet]
//
// Without --uri it starts our server in-process (startMongo from mongodb/src/server.ts). The suite is
// read from ../shared/conformance/mongodb (beside the repo) or $KEYSPACE_MONGO_CONFORMANCE_DIR.
// Results go to .keyspace/mongodb-conformance.json; the exit code is 1 when the applicable pass rate
// is below --min-pass-rate.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closingLine, failureList, fileTable, skipReasons, toJson } from './report.ts';
import { runAll } from './runner.ts';
import { conformanceDir, repoRoot } from './paths.ts';
import { DEFAULT_POLICY } from './skips.ts';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      uri: { type: 'string' },
      'min-pass-rate': { type: 'string', default: '0.95' },
      file: { type: 'string' },
      grep: { type: 'string' },
      'skip-collation': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
  });
  const minPassRate = Number(values['min-pass-rate']);
  const dir = path.join(conformanceDir(), 'crud-unified');
  const files = (await readdir(dir))
    .filter((f) => f.endsWith('.json') && (!values.file || f.includes(values.file)))
    .sort()
    .map((f) => path.join(dir, f));

  let uri: string;
  let stop: (() => Promise<void>) | undefined;
  if (values.uri) uri = values.uri;
  else {
    const { startMongo } = await import('../src/server.ts');
    const srv = await startMongo({ port: 0 });
    uri = srv.uri;
    stop = () => srv.close();
  }
  try {
    const summary = await runAll(files, {
      uri,
      grep: values.grep,
      policy: { ...DEFAULT_POLICY, collation: values['skip-collation'] === true },
    });
    const out = path.join(repoRoot, '.keyspace', 'mongodb-conformance.json');
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, toJson(summary));
    if (!values.quiet) {
      console.log(fileTable(summary));
      const failures = failureList(summary);
      if (failures) console.log(`\n${failures}`);
      console.log('\nskip reasons:');
      for (const [reason, n] of skipReasons(summary)) console.log(`  ${String(n).padStart(4)}  ${reason}`);
    }
    const pct = (summary.passRate * 100).toFixed(1);
    console.log(`\nserver ${summary.server.version.join('.')} (${summary.server.topology}); applicable pass rate ${pct}% (minimum ${minPassRate * 100}%); results in ${path.relative(repoRoot, out)}`);
    console.log(closingLine(summary));
    return summary.passRate < minPassRate ? 1 : 0;
  } finally {
    await stop?.();
  }
}

process.exitCode = await main();
