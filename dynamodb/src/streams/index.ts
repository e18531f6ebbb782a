// DynamoDB Streams on top of the storage change hook: registers the four
// `DynamoDBStreams_20120810.*` operations in the server's registry.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html

import type { Registry } from '../http/registry.ts';
import { STREAMS_PREFIX } from '../http/registry.ts';
import type { DynamoServer } from '../server.ts';
import type { Store } from '../storage/store.ts';
import { describeStream } from './DescribeStream.ts';
import { getRecords } from './GetRecords.ts';
import { getShardIterator } from './GetShardIterator.ts';
import { listStreams } from './ListStreams.ts';
import { StreamLog, type StreamLogOptions } from './log.ts';

export { StreamLog } from './log.ts';
export type { StreamLogOptions, Stream, Shard } from './log.ts';
export type { WireStreamRecord } from './records.ts';

/** Starts recording changes and serves the Streams API; `close()` stops recording. */
export function installStreams(registry: Registry, store: Store, options: StreamLogOptions = {}): StreamLog {
  const log = new StreamLog(store, options);
  registry.register(`${STREAMS_PREFIX}ListStreams`, (body, ctx) => listStreams(log, body, ctx));
  registry.register(`${STREAMS_PREFIX}DescribeStream`, (body, ctx) => describeStream(log, body, ctx));
  registry.register(`${STREAMS_PREFIX}GetShardIterator`, (body, ctx) => getShardIterator(log, body, ctx));
  registry.register(`${STREAMS_PREFIX}GetRecords`, (body, ctx) => getRecords(log, body, ctx));
  return log;
}

/**
 * The server's extension hook (see server.ts). Options come from `streams` in the server
 * options; the clock defaults to the server's `now`.
 */
export function install(server: DynamoServer): { close(): void } {
  const options = (server.options.streams ?? {}) as StreamLogOptions;
  return installStreams(server.registry, server.store, { now: server.options.now, ...options });
}
