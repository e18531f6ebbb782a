import { bold, dim } from '../format.ts';
import { openEngine, type Command } from '../context.ts';

const hint: Command = async ({ args }) => {
  const [id, n] = args;
  if (!id) throw new Error('usage: keyspace hint <lab> [n]');
  const engine = await openEngine();
  try {
    const { hints } = engine.lab(id).manifest;
    if (hints.length === 0) {
      console.log('This lab has no hints.');
      return 0;
    }
    const i = n ? Number(n) : 1;
    if (!Number.isInteger(i) || i < 1 || i > hints.length) throw new Error(`hint number must be between 1 and ${hints.length}`);
    console.log(`${bold(`Hint ${i}/${hints.length}`)}\n${hints[i - 1]}`);
    if (i < hints.length) console.log(dim(`\nnext: keyspace hint ${id} ${i + 1}`));
    return 0;
  } finally {
    await engine.close();
  }
};
export default hint;
