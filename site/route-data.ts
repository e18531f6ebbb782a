// Starlight route middleware: marks sidebar links to chapters that embed labs with a "Lab"
// badge and a `data-labs` attribute listing the lab ids, so the sidebar script can show each
// chapter's progress. https://starlight.astro.build/guides/route-data/
import { defineRouteMiddleware, type StarlightRouteData } from '@astrojs/starlight/route-data';
import { labsByPage } from './lib/labs-by-page.ts';

type Entry = StarlightRouteData['sidebar'][number];

function decorate(entries: Entry[], byPage: Map<string, string[]>): void {
  for (const entry of entries) {
    if (entry.type === 'group') {
      decorate(entry.entries, byPage);
      continue;
    }
    const labs = byPage.get(entry.href.replace(/^\/|\/$/g, ''));
    if (!labs) continue;
    entry.badge = { text: labs.length > 1 ? `${labs.length} labs` : 'Lab', variant: 'note', class: 'ks-lab-badge' };
    entry.attrs = { ...entry.attrs, 'data-labs': labs.join(' ') };
  }
}

export const onRequest = defineRouteMiddleware(async (context) => {
  decorate(context.locals.starlightRoute.sidebar, await labsByPage());
});
