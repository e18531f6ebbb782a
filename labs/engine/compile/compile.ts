// Compile the learner's TypeScript to one ESM module with an inline source map (esbuild),
// refuse imports outside the lab's allow-list with the import's position in the learner's file,
// and point allowed package imports at the repo's node_modules.
// esbuild reports an onResolve error at the import statement, so positions come for free
// (https://esbuild.github.io/plugins/#on-resolve-results).
import { build, type Message } from 'esbuild';
import { builtinModules } from 'node:module';
import { ALLOWED_BUILTINS, packageName } from './allowed.ts';

export type CompileResult =
  | { ok: true; code: string }
  | { ok: false; message: string; location: { line: number; column: number } | null };

const BUILTINS = new Set(builtinModules);

function importProblem(specifier: string, packages: ReadonlySet<string>): string | null {
  const bare = specifier.replace(/^node:/, '');
  if (specifier.startsWith('node:') || BUILTINS.has(bare)) {
    return ALLOWED_BUILTINS.includes(bare) ? null : `import of '${bare}' is not allowed in labs`;
  }
  if (/^[./]|^[a-z]+:/i.test(specifier)) return `import of '${specifier}' is not allowed in labs: a lab is one file`;
  if (packages.has(packageName(specifier))) return null;
  return `import of '${specifier}' is not allowed in labs (this lab may import: ${[...packages].join(', ') || 'no packages'})`;
}

/**
 * Packages become absolute file URLs from the repo's node_modules: the learner's temp dir has no
 * node_modules, and Node < 22.15 has no module.registerHooks to resolve them at run time.
 * A package imported by its name goes to its pre-bundled file when there is one (sandbox/drivers.ts).
 * Builtins stay as written.
 */
function resolvedUrl(specifier: string, bundles: Readonly<Record<string, string>>): string {
  if (specifier.startsWith('node:') || BUILTINS.has(specifier)) return specifier;
  return bundles[specifier] ?? import.meta.resolve(specifier);
}

function describe(m: Message): { message: string; location: { line: number; column: number } | null } {
  const loc = m.location;
  return {
    message: loc ? `${loc.file}:${loc.line}:${loc.column + 1}: ${m.text}` : m.text,
    location: loc ? { line: loc.line, column: loc.column + 1 } : null,
  };
}

/** Compile `source` (the learner's file named `fileName`), allowing imports of `packages`; `bundles` maps package names to pre-bundled file URLs. */
export async function compileLearner(source: string, fileName: string, packages: readonly string[], bundles: Readonly<Record<string, string>> = {}): Promise<CompileResult> {
  const allowed = new Set(packages);
  try {
    const out = await build({
      stdin: { contents: source, loader: 'ts', sourcefile: fileName },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      sourcemap: 'inline',
      logLevel: 'silent',
      plugins: [
        {
          name: 'lab-imports',
          setup(b) {
            b.onResolve({ filter: /.*/ }, (args) => {
              const problem = importProblem(args.path, allowed);
              if (problem) return { errors: [{ text: problem }] };
              return { path: resolvedUrl(args.path, bundles), external: true };
            });
          },
        },
      ],
    });
    return { ok: true, code: out.outputFiles[0].text };
  } catch (e) {
    const errors = (e as { errors?: Message[] }).errors;
    if (!errors?.length) throw e;
    const first = describe(errors[0]);
    const rest = errors.slice(1, 5).map((m) => describe(m).message);
    return { ok: false, message: [first.message, ...rest].join('\n'), location: first.location };
  }
}
