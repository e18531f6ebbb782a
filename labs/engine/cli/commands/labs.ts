import { MARK, dim } from '../format.ts';
import { openEngine, workspace, type Command } from '../context.ts';

const labs: Command = async () => {
  const engine = await openEngine();
  try {
    const progress = workspace().progress();
    for (const m of engine.labs()) {
      const s = progress[m.id];
      console.log(`${s ? MARK[s] : MARK.none} ${m.chapter.padEnd(6)} ${m.id.padEnd(32)} ${m.title} ${dim(`[${m.backends.join(', ')}]`)}`);
    }
    for (const p of engine.problems()) console.log(`${MARK.error} ${p.folder}: ${p.message.split('\n')[0]}`);
    return 0;
  } finally {
    await engine.close();
  }
};
export default labs;
