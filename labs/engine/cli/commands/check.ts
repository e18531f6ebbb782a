import { readFileSync } from 'node:fs';
import { dim } from '../format.ts';
import { openEngine, workspace, type Command } from '../context.ts';
import { renderResults } from '../report.ts';

const check: Command = async ({ args, file }) => {
  const [id] = args;
  if (!id) throw new Error('usage: keyspace check <lab> [--file path]');
  const engine = await openEngine();
  try {
    const lab = engine.lab(id);
    const path = file ?? workspace().fileFor(lab.manifest, lab.starter);
    console.log(dim(`grading ${path}`));
    const results = await engine.submit(id, readFileSync(path, 'utf8'), { learner: 'local' });
    workspace().record(id, results.status);
    console.log(renderResults(lab.manifest, results));
    return results.status === 'pass' ? 0 : 1;
  } finally {
    await engine.close();
  }
};
export default check;
