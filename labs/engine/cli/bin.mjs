#!/usr/bin/env node
// Entry point of the `keyspace` command. Plain JavaScript so it runs on any Node ≥ 22.12;
// the CLI itself is TypeScript, so re-run Node with type stripping when it is not on by default
// (https://nodejs.org/api/typescript.html#type-stripping).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));

if (process.features.typescript) {
  await import(new URL('./main.ts', import.meta.url).href);
} else {
  const flags = ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'];
  const r = spawnSync(process.execPath, [...flags, main, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
