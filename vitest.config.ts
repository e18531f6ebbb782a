import { defineConfig } from 'vitest/config';

// One Vitest run covers the engine, both emulators and the site's server-side code.
// Tests live beside the code they test (`x.test.ts`).
export default defineConfig({
  test: {
    include: ['labs/**/*.test.ts', 'dynamodb/**/*.test.ts', 'mongodb/**/*.test.ts', 'site/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'labs/catalog/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
