// The change hook: every committed write (PutItem, UpdateItem, DeleteItem, batch and
// transaction writes, TTL deletions) is published here once, after it is applied, so DynamoDB
// Streams and TTL (dynamodb/src/streams, dynamodb/src/ttl) can build on it without touching the
// operations. Record shape follows the stream record of
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_StreamRecord.html

import { itemSize } from '../capacity.ts';
import type { Item, Key } from '../types.ts';

export interface ChangeRecord {
  namespace: string;
  region: string;
  table: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  keys: Key;
  oldImage?: Item;
  newImage?: Item;
  /** Set for deletions made by the service itself (TTL). */
  userIdentity?: { type: 'Service'; principalId: 'dynamodb.amazonaws.com' };
  /** Size of the images as DynamoDB counts item size (may be a getter computed when read). */
  readonly sizeBytes: number;
  /** Epoch milliseconds of the commit. */
  at: number;
  /** True when a global-table replica applied another region's write. */
  replicated?: boolean;
}

/**
 * The record `Table.commit` publishes. A class so that creating one per write is cheap and
 * `sizeBytes` is computed only when a listener reads it (most tables have no stream).
 */
export class Change implements ChangeRecord {
  readonly namespace: string;
  readonly region: string;
  readonly table: string;
  readonly eventName: ChangeRecord['eventName'];
  readonly keys: Key;
  readonly oldImage?: Item;
  readonly newImage?: Item;
  readonly userIdentity?: ChangeRecord['userIdentity'];
  readonly at: number;
  readonly replicated?: boolean;

  constructor(fields: Omit<ChangeRecord, 'sizeBytes' | 'eventName'>) {
    this.namespace = fields.namespace;
    this.region = fields.region;
    this.table = fields.table;
    this.eventName = !fields.oldImage ? 'INSERT' : fields.newImage ? 'MODIFY' : 'REMOVE';
    this.keys = fields.keys;
    this.oldImage = fields.oldImage;
    this.newImage = fields.newImage;
    this.userIdentity = fields.userIdentity;
    this.at = fields.at;
    if (fields.replicated) this.replicated = true;
  }

  get sizeBytes(): number {
    return itemSize(this.keys) + itemSize(this.oldImage) + itemSize(this.newImage);
  }
}

export type ChangeListener = (change: ChangeRecord) => void;

/** A small pub/sub; each server owns one. Listeners run synchronously after the commit. */
export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change: ChangeRecord): void {
    for (const listener of this.listeners) listener(change);
  }
}
