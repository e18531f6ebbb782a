import { MARK, bad, bold, dim, ok, spinner, warn } from '../format.ts';
import { openEngine, type Command } from '../context.ts';
import { verifyLab } from '../../verify/verify.ts';

const verify: Command = async ({ args }) => {
  const engine = await openEngine();
  try {
    let failed = 0;
    // Every expectation (reference passes, starter fails, each wrong solution fails) is one case,
    // counted for the closing line that `npm test` and CI read.
    const cases = { passed: 0, failed: 0 };
    for (const p of engine.problems()) {
      if (args.length && !args.includes(p.folder)) continue;
      failed++;
      cases.failed++;
      console.log(`${MARK.fail} ${bold(p.folder)}\n${bad(p.message.replace(/^/gm, '    '))}`);
    }
    const known = new Set(engine.labs().map((m) => m.id));
    for (const id of args) if (!known.has(id) && !engine.problems().some((p) => p.folder === id)) throw new Error(`unknown lab "${id}"`);
    const ids = args.length ? args.filter((a) => known.has(a)) : [...known];
    for (const id of ids) {
      const spin = spinner(`verifying ${id}`);
      const v = await verifyLab(engine, id, (item) => spin.update(`verifying ${id}: ${item.subject}`));
      spin.stop();
      console.log(`${v.ok ? MARK.pass : MARK.fail} ${bold(id)} ${dim(`(${v.duration_ms} ms)`)}`);
      for (const item of v.items) {
        const mark = !item.ok ? MARK.fail : item.warning ? MARK.warn : MARK.pass;
        const text = !item.ok ? bad(item.message) : item.warning ? warn(item.message) : dim(item.message);
        console.log(`    ${mark} ${item.subject}: ${text}`);
        cases[item.ok ? 'passed' : 'failed']++;
      }
      if (!v.ok) failed++;
    }
    console.log(failed ? bad(`\n${failed} lab(s) failed verification`) : ok(`\n${ids.length} lab(s) verified`));
    console.log(`verify: ${cases.passed} passed, ${cases.failed} failed`);
    return failed ? 1 : 0;
  } finally {
    await engine.close();
  }
};
export default verify;
