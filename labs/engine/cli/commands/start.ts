// Starts the course site: site/server/serve.ts is written by the site's own module.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../../paths.ts';
import type { Command } from '../context.ts';

const start: Command = async ({ args }) => {
  const serve = path.join(REPO_ROOT, 'site', 'server', 'serve.ts');
  if (!existsSync(serve)) throw new Error(`the site server is not built yet (${path.relative(REPO_ROOT, serve)} is missing); labs still work with \`keyspace check <lab>\``);
  const mod = (await import(pathToFileURL(serve).href)) as { main?: (argv: string[]) => Promise<void> };
  if (typeof mod.main !== 'function') throw new Error(`${path.relative(REPO_ROOT, serve)} does not export main(argv)`);
  await mod.main(args);
  return new Promise<number>(() => undefined);
};
export default start;
