// Like Rustlings' watch mode: grade, then re-grade each time the file is saved.
import { readFileSync, watch as watchFile } from 'node:fs';
import { dim } from '../format.ts';
import { openEngine, workspace, type Command } from '../context.ts';
import { renderResults } from '../report.ts';

const watch: Command = async ({ args, file }) => {
  const [id] = args;
  if (!id) throw new Error('usage: keyspace watch <lab> [--file path]');
  const engine = await openEngine();
  const lab = engine.lab(id);
  const path = file ?? workspace().fileFor(lab.manifest, lab.starter);
  let running = false;
  let again = false;
  const grade = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    do {
      again = false;
      if (process.stdout.isTTY) process.stdout.write('\x1b[2J\x1b[H');
      const results = await engine.submit(id, readFileSync(path, 'utf8'), { learner: 'local' });
      workspace().record(id, results.status);
      console.log(renderResults(lab.manifest, results));
      console.log(dim(`\nwatching ${path} — save to re-grade, Ctrl-C to stop`));
    } while (again);
    running = false;
  };
  await grade();
  let debounce: NodeJS.Timeout | undefined;
  watchFile(path, () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => void grade(), 100);
  });
  return new Promise<number>(() => undefined);
};
export default watch;
