// Settings a global table keeps the same in every region (version 2019.11.21): global secondary
// indexes ("when you create a Global Secondary Index in one Region it is automatically replicated
// to the other Region(s) as well as automatically backfilled",
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html)
// and the TTL setting, which replicates from any member. Throughput, tags, deletion protection
// stay regional. UpdateTable and UpdateTimeToLive call this after changing `table`.

import type { Table } from '../storage/table.ts';
import { membersOf } from './group.ts';

export function syncReplicaSettings(table: Table): void {
  for (const member of membersOf(table)) {
    if (member === table) continue;
    member.attributeDefinitions = [...table.attributeDefinitions];
    for (const index of table.indexes.values()) {
      if (!index.global || member.indexes.has(index.name)) continue;
      member.addIndex({
        name: index.name,
        global: true,
        keySchema: index.keySchema,
        projection: index.projection,
        throughput: index.throughput && { ...index.throughput },
        activeAt: index.activeAt,
      });
    }
    for (const index of [...member.indexes.values()]) {
      if (index.global && !table.indexes.has(index.name)) member.indexes.delete(index.name);
    }
    member.ttl = table.ttl && { ...table.ttl };
  }
}
