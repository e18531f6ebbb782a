// Keyspace site: Astro + Starlight, chapters in ./content/docs, site code in ./site.
// https://starlight.astro.build/reference/configuration/
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import typings from './site/integrations/typings.ts';

const monacoEsm = fileURLToPath(new URL('./node_modules/monaco-editor/esm/', import.meta.url));

export default defineConfig({
  srcDir: './site',
  publicDir: './public',
  outDir: './dist',
  // Served by site/server/serve.ts from the root of one origin; no telemetry, no remote assets.
  trailingSlash: 'ignore',
  integrations: [
    starlight({
      title: 'Keyspace',
      description: 'An interactive course on DynamoDB, PostgreSQL, MongoDB and Redis from TypeScript.',
      // Starlight only runs its Markdown plugins (asides, heading anchors) on its own collection
      // folder (<srcDir>/content/docs); our chapters live at the repo root.
      markdown: { processedDirs: ['./content/docs'] },
      customCss: ['./site/styles/keyspace.css'],
      routeMiddleware: './site/route-data.ts',
      components: {
        // Adds per-lab progress badges next to chapters that contain labs.
        Sidebar: './site/components/overrides/Sidebar.astro',
      },
      expressiveCode: { themes: ['github-dark', 'github-light'] },
      sidebar: [
        { label: 'Start here', items: [{ slug: 'index', label: 'Welcome' }, { slug: 'progress' }] },
        // Starlight resolves `autogenerate.directory` against the path of each entry relative to
        // <srcDir>/content/docs; our entries live at ./content/docs, so the directory is spelled
        // from the project root. See node_modules/@astrojs/starlight/dist/utils/navigation.js.
        { label: 'Part 19 · DynamoDB in depth', items: [{ autogenerate: { directory: 'content/docs/dynamodb' } }] },
        { label: 'Part 62 · Drivers, caching and pooling', items: [{ autogenerate: { directory: 'content/docs/drivers' } }] },
      ],
    }),
    typings(),
  ],
  vite: {
    // site/lib/catalog.ts reads labs/catalog at build time from the repo root.
    define: { 'import.meta.env.KEYSPACE_ROOT': JSON.stringify(fileURLToPath(new URL('.', import.meta.url))) },
    resolve: {
      // monaco-editor's package "exports" map hides its ESM tree behind `./*` → `./esm/vs/*.js`,
      // which cannot address .css files or ?worker imports; we import the ESM files directly.
      alias: [{ find: /^monaco-editor\/esm\/(.*)$/, replacement: `${monacoEsm}$1` }],
    },
    worker: { format: 'es' },
    build: {
      // The editor chunk (Monaco + the TypeScript worker) is big by nature and loaded lazily.
      chunkSizeWarningLimit: 4000,
      rolldownOptions: {
        onwarn(warning, warn) {
          // Astro marks MDX modules with a "use astro:head-inject" directive that Rolldown
          // reports as unpreservable; Astro handles it before bundling, so the warning is noise.
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
});
