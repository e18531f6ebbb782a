// Ambient types for site code checked by `tsc` (Astro's own check covers .astro files).
// Starlight's `Astro.locals.starlightRoute` (route middleware):
/// <reference path="../node_modules/@astrojs/starlight/dist/global.d.ts" />
// Vite's `?worker` imports and import.meta.env:
/// <reference types="astro/client" />

// astro.config.mjs aliases `monaco-editor/esm/*` to the package's ESM files (its "exports" map
// hides them); point tsc at the declarations that sit beside those files.
declare module 'monaco-editor/esm/vs/editor/editor.api' {
  export * from 'monaco-editor/editor/editor.api.js';
}
declare module 'monaco-editor/esm/vs/language/typescript/monaco.contribution' {
  export * from 'monaco-editor/languages/features/typescript/register.js';
}
