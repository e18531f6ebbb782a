// Optional persistence: a JSON snapshot of every namespace's tables, written on close and read
// on start (dataDir option). Items are stored in wire form, so the file is readable.

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Item } from '../types.ts';
import type { Store } from './store.ts';
import { Table, type Index, type TableInit } from './table.ts';

const FILE = 'dynamodb-snapshot.json';

interface TableSnapshot {
  init: TableInit;
  throughput: Table['throughput'];
  indexes: Array<Omit<Index, 'items' | 'keys'>>;
  stream: Table['stream'];
  ttl?: Table['ttl'];
  tags: Array<[string, string]>;
  items: Item[];
}

export function saveSnapshot(store: Store, dir: string): void {
  const tables: TableSnapshot[] = [];
  for (const t of store.allTables()) {
    tables.push({
      init: {
        namespace: t.namespace,
        region: t.region,
        name: t.name,
        attributeDefinitions: t.attributeDefinitions,
        keySchema: t.keySchema,
        billingMode: t.billingMode,
        activeAt: 0,
      },
      throughput: t.throughput,
      indexes: [...t.indexes.values()].map(({ items: _items, keys: _keys, ...rest }) => rest),
      stream: t.stream,
      ttl: t.ttl,
      tags: [...t.tags],
      items: [...t.items.all()],
    });
  }
  mkdirSync(dir, { recursive: true });
  // Write then rename so a crash never leaves half a snapshot.
  const tmp = join(dir, `${FILE}.tmp`);
  writeFileSync(tmp, JSON.stringify({ version: 1, tables }));
  renameSync(tmp, join(dir, FILE));
}

export function loadSnapshot(store: Store, dir: string): void {
  const path = join(dir, FILE);
  if (!existsSync(path)) return;
  const { tables } = JSON.parse(readFileSync(path, 'utf8')) as { tables: TableSnapshot[] };
  for (const s of tables) {
    const table = new Table(s.init, store.changes);
    table.throughput = s.throughput;
    for (const index of s.indexes) table.addIndex(index);
    table.stream = s.stream;
    table.ttl = s.ttl;
    for (const [k, v] of s.tags) table.tags.set(k, v);
    for (const item of s.items) table.commit(table.keyOf(item), item);
    store.tables(s.init.namespace, s.init.region).set(s.init.name, table);
  }
}
