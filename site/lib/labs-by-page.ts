// Which chapter page embeds which labs, read from the MDX source (`<Lab id="…" />`), so the
// sidebar badge and the progress page link only to pages where the lab really is.
import { getCollection } from 'astro:content';
import { labsInBody } from './catalog.ts';

let cached: Promise<Map<string, string[]>> | undefined;

/** Page id (collection entry id, e.g. "drivers/62-1-postgres") → lab ids it embeds. */
export function labsByPage(): Promise<Map<string, string[]>> {
  // Typed by hand: outside an Astro build (plain `tsc`) the generated `astro:content` types may
  // be absent, and this module needs only the entry id and its MDX body.
  return (cached ??= getCollection('docs').then(
    (docs: { id: string; body?: string }[]) =>
      new Map(docs.map((d) => [d.id, labsInBody(d.body ?? '')] as const).filter(([, labs]) => labs.length > 0)),
  ));
}
