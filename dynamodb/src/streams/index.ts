// DynamoDB Streams on top of the storage change hook: registers the four
// `DynamoDBStreams_20120810.*` operations in the server's registry.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html

import type { OpLogEntry } from '../actions/context.ts';
import type { Handler, Registry } from '../http/registry.ts';
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

/**
 * Starts recording changes and serves the Streams API; `close()` stops recording. `record`
 * receives one entry per request, like the DynamoDB operations (so a host's operation log
 * shows which iterators a client asked for and how often it polled).
 */
export function installStreams(registry: Registry, store: Store, options: StreamLogOptions = {}, record?: (entry: OpLogEntry) => void): StreamLog {
  const log = new StreamLog(store, options);
  const register = (operation: string, handler: Handler): void =>
    registry.register(`${STREAMS_PREFIX}${operation}`, async (body, ctx) => {
      const entry: OpLogEntry = { at: Date.now(), operation, region: ctx.region, namespace: ctx.namespace };
      try {
        return await handler(body, ctx);
      } catch (err) {
        entry.error = (err as { type?: string }).type ?? 'InternalServerError';
        throw err;
      } finally {
        record?.(entry);
      }
    });
  register('ListStreams', (body, ctx) => listStreams(log, body, ctx));
  register('DescribeStream', (body, ctx) => describeStream(log, body, ctx));
  register('GetShardIterator', (body, ctx) => getShardIterator(log, body, ctx));
  register('GetRecords', (body, ctx) => getRecords(log, body, ctx));
  return log;
}

/**
 * The server's extension hook (see server.ts). Options come from `streams` in the server
 * options; the clock defaults to the server's `now`.
 */
export function install(server: DynamoServer): { close(): void } {
  const options = (server.options.streams ?? {}) as StreamLogOptions;
  return installStreams(server.registry, server.store, { now: server.options.now, ...options }, server.recordOperation);
}
