// `keyspace <command>`: dispatches to one file per command under ./commands/.
import { parseArgs } from 'node:util';
import { bad } from './format.ts';
import type { Command } from './context.ts';

const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
  labs: () => import('./commands/labs.ts'),
  check: () => import('./commands/check.ts'),
  watch: () => import('./commands/watch.ts'),
  hint: () => import('./commands/hint.ts'),
  verify: () => import('./commands/verify.ts'),
  backends: () => import('./commands/backends.ts'),
  start: () => import('./commands/start.ts'),
};

const USAGE = `Usage: keyspace <command>

  labs                      list the labs and your progress
  check <lab> [--file f]    grade your code for a lab
  watch <lab> [--file f]    re-grade on every save
  hint <lab> [n]            show hint n (default: the next one)
  verify [lab…]             prove labs are gradeable (solution passes, starter and wrong/* fail)
  backends [start]          show which databases run where (start: start them now)
  start [--port n --host h] start the course site

Options: --backend auto|embedded|docker (or KEYSPACE_BACKEND)`;

// `start` hands its arguments (--port, --host) to the site's server untouched.
const raw = process.argv.slice(2);
const passThrough = raw[0] === 'start';
const { values, positionals } = parseArgs({
  args: passThrough ? ['start'] : raw,
  allowPositionals: true,
  options: { file: { type: 'string' }, backend: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
const [name, ...rest] = positionals;
if (!name || values.help || !COMMANDS[name]) {
  if (name && !COMMANDS[name]) console.error(bad(`unknown command "${name}"`));
  console.log(USAGE);
  process.exitCode = name && !values.help ? 2 : 0;
} else {
  if (values.backend) process.env.KEYSPACE_BACKEND = values.backend;
  const command = (await COMMANDS[name]()).default;
  try {
    process.exitCode = await command({ args: passThrough ? raw.slice(1) : rest, file: values.file });
  } catch (e) {
    console.error(bad(e instanceof Error ? e.message : String(e)));
    process.exitCode = 1;
  }
  // Exit explicitly: signal-exit (pulled in by testcontainers' proper-lockfile) patches
  // process.reallyExit and turns a natural exit with exitCode 1 into 0, so `check` would
  // report success on a failing submission. `start` never returns here.
  process.exit(process.exitCode);
}
