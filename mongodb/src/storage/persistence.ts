// Optional persistence: the whole storage as one canonical-EJSON snapshot in `dataDir`
// (https://www.mongodb.com/docs/manual/reference/mongodb-extended-json/), written atomically
// (temp file + rename) at most once a second while something changed, and on close.
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { EJSON, type Document } from 'bson';
import type { Storage } from './storage.ts';

const FILE = 'mongodb-data.ejson';

interface Snapshot {
  version: 1;
  databases: Array<{
    name: string;
    collections: Array<{ name: string; options: Document; indexes: Document[]; documents: Document[] }>;
    views: Array<{ name: string; viewOn: string; pipeline: Document[] }>;
  }>;
}

export function loadSnapshot(storage: Storage, dir: string): boolean {
  const file = path.join(dir, FILE);
  if (!existsSync(file)) return false;
  const snap = EJSON.parse(readFileSync(file, 'utf8'), { relaxed: false }) as Snapshot;
  const ts = storage.tick();
  for (const d of snap.databases) {
    for (const c of d.collections) {
      const coll = storage.createCollection(d.name, c.name, c.options);
      for (const spec of c.indexes) if (spec.name !== '_id_') coll.createIndex(spec as never);
      for (const doc of c.documents) coll.insert(doc, ts);
    }
    for (const v of d.views) storage.db(d.name).views.set(v.name, { viewOn: v.viewOn, pipeline: v.pipeline });
  }
  return true;
}

export function snapshotOf(storage: Storage): Snapshot {
  return {
    version: 1,
    databases: storage.listDatabases().map((d) => ({
      name: d.name,
      collections: d.listCollections().map((c) => ({
        name: c.name,
        options: { ...c.options },
        indexes: [...c.indexes.values()].map((ix) => ({ ...ix.spec })),
        documents: [...c.current()].map(([, doc]) => doc),
      })),
      views: [...d.views].map(([name, v]) => ({ name, ...v })),
    })),
  };
}

export function saveSnapshot(storage: Storage, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, EJSON.stringify(snapshotOf(storage), { relaxed: false }));
  renameSync(tmp, file);
}

/** Saves when the data or the schema changed since the last save; returns a stopper. */
export function startSaver(storage: Storage, dir: string, log: (m: string) => void, everyMs = 1000): () => void {
  const signature = () => `${storage.now}|` + storage.listDatabases().map((d) => `${d.name}:${d.listCollections().map((c) => `${c.name}/${[...c.indexes.keys()].join(',')}`).join(';')}:${[...d.views.keys()].join(',')}`).join('|');
  let last = signature();
  const save = () => {
    const sig = signature();
    if (sig === last) return;
    try {
      saveSnapshot(storage, dir);
      last = sig;
    } catch (e) {
      log(`could not save snapshot to ${dir}: ${(e as Error).message}`);
    }
  };
  const timer = setInterval(save, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    save();
  };
}
