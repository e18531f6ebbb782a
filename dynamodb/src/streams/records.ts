// One stream record in the wire shape GetRecords returns:
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_Record.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_StreamRecord.html
// The StreamViewType decides which images a record carries; Keys are always present.

import { randomBytes } from 'node:crypto';
import { itemSize } from '../capacity.ts';
import type { ChangeRecord } from '../storage/changes.ts';
import type { Item, Key, StreamViewType } from '../types.ts';

export interface WireStreamRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: '1.1';
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: {
    /** Epoch seconds. */
    ApproximateCreationDateTime: number;
    Keys: Key;
    NewImage?: Item;
    OldImage?: Item;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: StreamViewType;
  };
  /** Present for deletions the service made itself (TTL expiry). */
  userIdentity?: { PrincipalId: string; Type: string };
}

export function buildRecord(change: ChangeRecord, viewType: StreamViewType, seq: bigint, now: number): WireStreamRecord {
  const withNew = viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES';
  const withOld = viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES';
  const newImage = withNew ? change.newImage : undefined;
  const oldImage = withOld ? change.oldImage : undefined;
  const record: WireStreamRecord = {
    eventID: randomBytes(16).toString('hex'),
    eventName: change.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: change.region,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(now / 1000),
      Keys: structuredClone(change.keys),
      ...(newImage && { NewImage: structuredClone(newImage) }),
      ...(oldImage && { OldImage: structuredClone(oldImage) }),
      SequenceNumber: seq.toString(),
      SizeBytes: itemSize(change.keys) + itemSize(newImage) + itemSize(oldImage),
      StreamViewType: viewType,
    },
  };
  if (change.userIdentity) {
    record.userIdentity = { PrincipalId: change.userIdentity.principalId, Type: change.userIdentity.type };
  }
  return record;
}
