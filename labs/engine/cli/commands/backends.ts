import { MARK, bold, dim } from '../format.ts';
import { openEngine, type Command } from '../context.ts';

const backends: Command = async ({ args }) => {
  const engine = await openEngine();
  try {
    // `keyspace backends start`: start everything now, report what failed.
    if (args[0] === 'start') await engine.startBackends().catch(() => undefined);
    for (const b of engine.backends()) {
      const mark = b.state === 'running' ? MARK.pass : b.state === 'failed' ? MARK.fail : MARK.none;
      console.log(`${mark} ${bold(b.name.padEnd(9))} ${b.provider.padEnd(9)} ${b.version} ${dim(b.state + (b.address ? ` at ${b.address}` : ''))}${b.error ? `\n    ${b.error}` : ''}`);
    }
    if (args[0] !== 'start') console.log(dim('\nBackends start on first use; `keyspace backends start` starts them now.'));
    return 0;
  } finally {
    await engine.close();
  }
};
export default backends;
