// Fetches the typing chunks a lab needs (built by site/integrations/typings.ts) and feeds each
// file to the TypeScript worker. Chunks are shared between labs, so each is fetched once.
const BASE = '/_keyspace/typings/';
let index: Promise<{ roots: Record<string, string[]> }> | undefined;
const chunks = new Map<string, Promise<Record<string, string>>>();
async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`typings: ${url} answered HTTP ${res.status}; is the site build complete?`);
  return res.json() as Promise<T>;
}

/** Every file loaded so far, for all labs on the page. */
const libs = new Map<string, string>();

/**
 * Load the typings of `packages` (plus the Node essentials) and hand the page's whole set to
 * `apply` in one call: one worker update instead of one per file.
 */
export async function loadTypings(packages: string[], apply: (libs: { content: string; filePath: string }[]) => void): Promise<number> {
  index ??= getJson(BASE + 'index.json');
  const { roots } = await index;
  const names = new Set(['node', ...packages].flatMap((p) => roots[p] ?? []));
  const loaded = await Promise.all(
    [...names].map((name) => {
      let p = chunks.get(name);
      if (!p) chunks.set(name, (p = getJson<{ files: Record<string, string> }>(BASE + name).then((j) => j.files)));
      return p;
    }),
  );
  for (const files of loaded) for (const [path, content] of Object.entries(files)) libs.set(path, content);
  apply([...libs].map(([filePath, content]) => ({ filePath, content })));
  return libs.size;
}
