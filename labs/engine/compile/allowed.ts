// What learner code may import. The lab's npm packages (PACKAGES_BY_BACKEND) plus node: builtins
// that reach no file, process, thread, socket server or debugger: fs, child_process,
// worker_threads, net, vm, inspector, module and friends are refused at compile time and again
// at run time by the harness's resolve hook; Node's permission model is the wall behind both.
import { PACKAGES_BY_BACKEND, type BackendName } from '../contracts/manifest.ts';

/** node: builtins a lab may import (without the `node:` prefix). */
export const ALLOWED_BUILTINS: readonly string[] = [
  'assert',
  'assert/strict',
  'buffer',
  'crypto',
  'events',
  'perf_hooks',
  'string_decoder',
  'timers',
  'timers/promises',
  'url',
  'util',
  'util/types',
];

/** npm packages a lab with these backends may import. */
export function packagesFor(backends: readonly BackendName[]): string[] {
  return backends.flatMap((b) => [...PACKAGES_BY_BACKEND[b]]);
}

/** The package part of a bare specifier: "pg" for "pg/lib/x", "@aws-sdk/x" for "@aws-sdk/x/y". */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
