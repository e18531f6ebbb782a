// Starlight route middleware: marks sidebar links to chapters that contain labs with a "Lab"
// badge and a `data-labs` attribute listing the lab ids, so the sidebar script can show each
// chapter's progress. https://starlight.astro.build/guides/route-data/
import { defineRouteMiddleware, type StarlightRouteData } from '@astrojs/starlight/route-data';
import { labsBySection, sectionOfSlug } from './lib/catalog.ts';

type Entry = StarlightRouteData['sidebar'][number];

let bySection: Map<string, string[]> | undefined;

function decorate(entries: Entry[]): void {
  for (const entry of entries) {
    if (entry.type === 'group') {
      decorate(entry.entries);
      continue;
    }
    const section = sectionOfSlug(entry.href);
    const labs = section ? bySection!.get(section) : undefined;
    if (!labs) continue;
    entry.badge = { text: labs.length > 1 ? `${labs.length} labs` : 'Lab', variant: 'note', class: 'ks-lab-badge' };
    entry.attrs = { ...entry.attrs, 'data-labs': labs.join(' ') };
  }
}

export const onRequest = defineRouteMiddleware((context) => {
  bySection ??= labsBySection();
  decorate(context.locals.starlightRoute.sidebar);
});
