// Membership of a global table: the members share one `replicaRegions` set (D1's Table field,
// in creation order); this keeps each region's Table beside it so DescribeTable can report a
// replica's status without a store. Keyed by the set itself, so it dies with the group.

import type { Table } from '../storage/table.ts';

const tablesOf = new WeakMap<Set<string>, Map<string, Table>>();

export function join(group: Set<string>, table: Table): void {
  let tables = tablesOf.get(group);
  if (!tables) tablesOf.set(group, (tables = new Map()));
  tables.set(table.region, table);
  group.add(table.region);
}

/** The members of `table`'s group (itself included) in creation order; empty when regional. */
export function membersOf(table: Table): Table[] {
  const group = table.replicaRegions;
  const tables = group && tablesOf.get(group);
  if (!group || !tables) return [];
  const out: Table[] = [];
  // DeleteTable in a replica region takes the region out of the set (actions/DeleteTable.ts).
  for (const region of group) {
    const member = tables.get(region);
    if (member) out.push(member);
  }
  return out.length > 1 ? out : [];
}
