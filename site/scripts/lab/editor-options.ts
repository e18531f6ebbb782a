// Compiler options of the editor's TypeScript worker. The build collects typings with the same
// options (site/integrations/collect-typings.ts), so module resolution agrees on both sides.
// Numbers are TypeScript's enum values: ES2022 = 9, ESNext = 99, Bundler = 100.
export const EDITOR_COMPILER_OPTIONS = {
  target: 9,
  module: 99,
  moduleResolution: 100,
  lib: ['es2023'],
  types: [] as string[],
  strict: true,
  noEmit: true,
  allowNonTsExtensions: true,
  allowImportingTsExtensions: true,
  skipLibCheck: true,
} as const;
