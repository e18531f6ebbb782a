// The change hook: every committed write (PutItem, UpdateItem, DeleteItem, batch and
// transaction writes, TTL deletions) is published here once, after it is applied, so DynamoDB
// Streams and TTL (dynamodb/src/streams, dynamodb/src/ttl) can build on it without touching the
// operations. Record shape follows the stream record of
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_StreamRecord.html

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
