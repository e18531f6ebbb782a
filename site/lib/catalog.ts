// Build-time access to the lab catalog (labs/catalog/<id>/): the public parts only, read the
// same way the engine reads them. Never touches checks.ts or solution.ts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifest, PACKAGES_BY_BACKEND, type LabManifest } from '../../labs/engine/contracts/manifest.ts';

// At build time this module is bundled into dist-side chunks, so `import.meta.url` does not
// point into site/lib; astro.config.mjs defines the repo root instead (cwd outside Astro).
const ROOT: string = (import.meta as { env?: { KEYSPACE_ROOT?: string } }).env?.KEYSPACE_ROOT ?? process.cwd();
export const CATALOG_DIR = join(ROOT, 'labs', 'catalog');

export interface CatalogLab {
  manifest: LabManifest;
  starter: string;
  packages: string[];
}

/** Every lab folder that has a lab.json, sorted by id. */
export function labIds(dir = CATALOG_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'lab.json')))
    .map((d) => d.name)
    .sort();
}

/** A lab's manifest, starter and importable packages; null when the folder does not exist. */
export function readLab(id: string, dir = CATALOG_DIR): CatalogLab | null {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) return null;
  const folder = join(dir, id);
  if (!existsSync(join(folder, 'lab.json'))) return null;
  const manifest = parseManifest(JSON.parse(readFileSync(join(folder, 'lab.json'), 'utf8')), `labs/catalog/${id}/lab.json`);
  const starter = readFileSync(join(folder, 'starter.ts'), 'utf8');
  const packages = [...new Set(manifest.backends.flatMap((b) => PACKAGES_BY_BACKEND[b]))];
  return { manifest, starter, packages };
}

const LAB_TAG = /<Lab\s+id=(?:"([a-z0-9-]+)"|'([a-z0-9-]+)'|\{\s*["']([a-z0-9-]+)["']\s*\})/g;

/** Lab ids an MDX body embeds with `<Lab id="…" />`, in order of appearance. */
export function labsInBody(body: string): string[] {
  return [...new Set([...body.matchAll(LAB_TAG)].map((m) => m[1] ?? m[2] ?? m[3]!))];
}
