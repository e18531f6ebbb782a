// All tables of a server, partitioned like DynamoDB Local without -sharedDb: each access key
// id + region pair sees its own set of tables
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DynamoDBLocal.UsageNotes.html).

import { resourceNotFound } from '../errors.ts';
import type { Key } from '../types.ts';
import { ChangeFeed } from './changes.ts';
import { SERVICE_IDENTITY, Table } from './table.ts';

export class Store {
  readonly changes = new ChangeFeed();
  /** namespace → region → table name → table (nested maps: no key string built per lookup). */
  private readonly spaces = new Map<string, Map<string, Map<string, Table>>>();

  tables(namespace: string, region: string): Map<string, Table> {
    let regions = this.spaces.get(namespace);
    if (!regions) this.spaces.set(namespace, (regions = new Map()));
    let space = regions.get(region);
    if (!space) regions.set(region, (space = new Map()));
    return space;
  }

  /** Every table of every namespace (for the TTL sweeper and snapshots). */
  *allTables(): Generator<Table> {
    for (const regions of this.spaces.values()) for (const space of regions.values()) yield* space.values();
  }

  /** The table, or ResourceNotFoundException as DynamoDB words it for data-plane calls. */
  table(namespace: string, region: string, name: string): Table {
    const table = this.tables(namespace, region).get(name);
    if (!table) throw resourceNotFound();
    return table;
  }

  /**
   * Deletes an item on behalf of the service (TTL expiry): emits a REMOVE whose userIdentity is
   * {type: 'Service', principalId: 'dynamodb.amazonaws.com'} as
   * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html describes.
   * Returns whether an item was deleted.
   */
  deleteItemAsService(namespace: string, region: string, tableName: string, key: Key): boolean {
    const table = this.tables(namespace, region).get(tableName);
    if (!table) return false;
    return !!table.commit(table.keyOf(key), undefined, { userIdentity: SERVICE_IDENTITY });
  }
}
