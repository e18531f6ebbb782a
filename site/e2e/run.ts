// End-to-end tests: builds the site if needed, starts the server on a free port with the real
// engine, drives Chromium through the lab flow, prints `e2e: N passed, N failed`.
// Usage: node site/e2e/run.ts
import { ensureBuilt } from '../server/build.ts';
import { serve } from '../server/serve.ts';
import { createEngine } from '../../labs/engine/engine.ts';
import { launch, runTests } from './harness.ts';
import { labTests, pageTests } from './lab.e2e.ts';
import { a11yTests, quizTests } from './a11y.e2e.ts';

await ensureBuilt();
const engine = await createEngine({ backend: 'embedded' });
const served = await serve({ port: 0, engine });
const e2e = await launch(served.url);
let result: [number, number] = [0, 1];
try {
  const monacoChunks = new Set<string>();
  result = await runTests([...labTests(e2e, monacoChunks), ...quizTests(e2e), ...a11yTests(e2e), ...pageTests(e2e, monacoChunks)]);
} finally {
  await e2e.browser.close();
  await served.close();
  await engine.close();
}
const [passed, failed] = result;
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
