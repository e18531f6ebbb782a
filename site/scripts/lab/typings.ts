// Fetches the typing chunks a lab needs (built by site/integrations/typings.ts) and feeds each
// file to the TypeScript worker. Chunks are shared between labs, so each is fetched once.
const BASE = '/_keyspace/typings/';
let index: Promise<{ roots: Record<string, string[]> }> | undefined;
const chunks = new Map<string, Promise<Record<string, string>>>();
const added = new Set<string>();

export async function loadTypings(packages: string[], addExtraLib: (content: string, path: string) => unknown): Promise<number> {
  index ??= fetch(BASE + 'index.json').then((r) => r.json());
  const { roots } = await index;
  const names = new Set(['node', ...packages].flatMap((p) => roots[p] ?? []));
  const loaded = await Promise.all(
    [...names].map((name) => {
      let p = chunks.get(name);
      if (!p) chunks.set(name, (p = fetch(BASE + name).then((r) => r.json()).then((j: { files: Record<string, string> }) => j.files)));
      return p;
    }),
  );
  let count = 0;
  for (const files of loaded) {
    for (const [path, content] of Object.entries(files)) {
      if (added.has(path)) continue;
      added.add(path);
      addExtraLib(content, path);
      count++;
    }
  }
  return count;
}
