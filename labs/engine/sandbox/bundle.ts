// Bundles the harness (and its codec) into one .mjs in a temp dir outside the repo, so the
// learner process needs read access to exactly one engine file and no package.json lookups
// under labs/. `bson` stays external, imported by absolute URL from the repo's node_modules, the same copy
// the mongodb driver uses, so ObjectIds cross as real instances.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const ENTRY = fileURLToPath(new URL('./harness.ts', import.meta.url));

/** Write the bundled harness into `dir` and return its absolute path. */
export async function bundleHarness(dir: string): Promise<string> {
  const outfile = path.join(dir, 'harness.mjs');
  await build({
    entryPoints: [ENTRY],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    plugins: [
      {
        name: 'bson-from-repo',
        setup(b) {
          b.onResolve({ filter: /^bson$/ }, () => ({ path: import.meta.resolve('bson'), external: true }));
        },
      },
    ],
    logLevel: 'silent',
  });
  return outfile;
}
