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

/** Outline section → ids of the labs that belong to it (manifest `chapter`). */
export function labsBySection(dir = CATALOG_DIR): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const id of labIds(dir)) {
    const lab = readLab(id, dir);
    if (!lab) continue;
    const list = map.get(lab.manifest.chapter) ?? [];
    list.push(id);
    map.set(lab.manifest.chapter, list);
  }
  return map;
}

/** The outline section a chapter page stands for, from its file name: "dynamodb/19-1-data-model" → "19.1". */
export function sectionOfSlug(slug: string): string | null {
  const m = /(?:^|\/)(\d+)-(\d+)-[^/]*\/?$/.exec(slug);
  return m ? `${m[1]}.${m[2]}` : null;
}
