// The docs collection: Starlight's schema over the chapters in ./content/docs (repo root).
// https://starlight.astro.build/manual-setup/#configure-content-collections
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = {
  // Same pattern as Starlight's docsLoader (files starting with "_" are skipped), other base.
  docs: defineCollection({
    loader: glob({ base: './content/docs', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema(),
  }),
};
