// The harness: the entry point of every learner process (bundled to one .mjs by ./bundle.ts).
// It runs before any learner code, under Node's permission model, and:
//   1. keeps the IPC `send` for itself and hides process.send/process.channel from learner code;
//   2. forwards console output over IPC (stdout/stderr writes become `out` messages);
//   3. on `init`, puts the connection settings into process.env, installs a resolve hook that only
//      lets the learner's file import the lab's packages and a few harmless node: builtins
//      (https://nodejs.org/api/module.html#moduleregisterhooksoptions), imports the learner module;
//   4. answers `call` messages by calling the module's exports.
// Nothing here decides a grade: the trusted process computes results from its own checks.
import * as nodeModule from 'node:module';
import { pathToFileURL } from 'node:url';
import { decode, encode, type Encoded } from '../rpc/codec.ts';
import type { FromLearner, InitMessage, ToLearner } from '../rpc/messages.ts';
import { msg } from '../errors.ts';

const { builtinModules, registerHooks } = nodeModule;

// Source-mapped stacks for the learner's file only: --enable-source-maps would also parse the
// maps of every driver file in node_modules (~0.3 s of CPU for redis).
// https://nodejs.org/api/module.html#modulesetsourcemapssupportenabled-options
const setSupport = (nodeModule as { setSourceMapsSupport?: (on: boolean, o: { nodeModules: boolean }) => void }).setSourceMapsSupport;
if (setSupport) setSupport(true, { nodeModules: false });
else process.setSourceMapsEnabled(true);

const rawSend = process.send?.bind(process);
if (!rawSend) throw new Error('harness must be started with an IPC channel');
const send = (m: FromLearner): void => {
  rawSend(m);
};
const stringify = JSON.stringify;
const hide = (key: string): void => {
  Object.defineProperty(process, key, { value: undefined, configurable: false, writable: false });
};

function forward(stream: NodeJS.WriteStream): void {
  stream.write = ((chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
    const data = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    send({ t: 'out', data });
    const done = typeof encoding === 'function' ? encoding : cb;
    if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
    return true;
  }) as typeof stream.write;
}
forward(process.stdout);
forward(process.stderr);

function errorOf(e: unknown): Encoded {
  try {
    return encode(e instanceof Error ? e : new Error(`non-Error thrown: ${String(e)}`));
  } catch {
    return encode(new Error('an error that could not be described'));
  }
}

process.on('uncaughtException', (e) => {
  send({ t: 'out', data: `Uncaught ${e instanceof Error ? (e.stack ?? e.message) : stringify(String(e))}\n` });
  process.exitCode = 70;
  setImmediate(() => process.exit(70));
});
process.on('unhandledRejection', (e) => {
  send({ t: 'out', data: `Unhandled promise rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n` });
});

// Warm-up: the pool spawns processes ahead of demand with the lab's driver URLs in argv, so
// importing them here fills the module cache before any learner code exists.
const preload: Promise<unknown> = Promise.all(
  (JSON.parse(process.argv[2] ?? '[]') as string[]).map((url) => import(url).catch(() => undefined)),
);

let learner: Record<string, unknown> | null = null;
let learnerDir = '';

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function installResolveHook(init: InitMessage): void {
  const builtins = new Set(init.builtins.map((b) => b.replace(/^node:/, '')));
  const packages = new Set(init.packages);
  const bundles = new Set(init.bundles);
  const known = new Set(builtinModules);
  const nodeModules = new URL('node_modules/', init.resolveFrom).href;
  restrictGetBuiltinModule(builtins);
  // Node < 22.15 has no registerHooks: the compile-time check and the permission model remain.
  if (typeof registerHooks !== 'function') return;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (!context.parentURL?.startsWith(learnerDir)) return nextResolve(specifier, context);
      const bare = specifier.replace(/^node:/, '');
      if (specifier.startsWith('node:') || known.has(bare)) {
        if (builtins.has(bare)) return nextResolve(specifier, context);
      } else if (bundles.has(specifier)) {
        return nextResolve(specifier, context);
      } else if (specifier.startsWith(nodeModules)) {
        // The compiler points package imports at the repo's node_modules (compile/compile.ts).
        if (packages.has(packageOf(specifier.slice(nodeModules.length)))) return nextResolve(specifier, context);
      } else if (!/^[./]|^[a-z]+:/i.test(specifier) && packages.has(packageOf(specifier))) {
        return nextResolve(specifier, { ...context, parentURL: init.resolveFrom });
      }
      throw new Error(`import of '${specifier}' is not allowed in labs`);
    },
  });
}

/** getBuiltinModule would sidestep the resolve hook; the permission model still guards fs etc. */
function restrictGetBuiltinModule(builtins: Set<string>): void {
  const original = process.getBuiltinModule?.bind(process);
  Object.defineProperty(process, 'getBuiltinModule', {
    value: (id: string) => {
      if (!original || !builtins.has(String(id).replace(/^node:/, ''))) throw new Error(`import of '${id}' is not allowed in labs`);
      return original(id);
    },
  });
}

async function start(init: InitMessage): Promise<void> {
  await preload;
  send({ t: 'loading' });
  for (const [k, v] of Object.entries(init.env)) process.env[k] = v;
  learnerDir = pathToFileURL(init.file).href.replace(/[^/]*$/, '');
  installResolveHook(init);
  hide('send');
  try {
    learner = (await import(pathToFileURL(init.file).href)) as Record<string, unknown>;
  } catch (e) {
    send({ t: 'import-error', error: errorOf(e) });
    return;
  }
  send({ t: 'ready', exports: Object.keys(learner).filter((k) => typeof learner?.[k] === 'function') });
}

async function call(id: number, fn: string, args: Encoded[]): Promise<void> {
  try {
    const target = learner?.[fn];
    if (typeof target !== 'function') throw new TypeError(msg.notExported(fn));
    const value: unknown = await (target as (...a: unknown[]) => unknown)(...args.map(decode));
    send({ t: 'ret', id, ok: true, value: encode(value) });
  } catch (e) {
    send({ t: 'ret', id, ok: false, error: errorOf(e) });
  }
}

process.on('message', (m: ToLearner) => {
  if (m.t === 'init' && learner === null && learnerDir === '') void start(m);
  else if (m.t === 'call') void call(m.id, m.fn, m.args);
});
