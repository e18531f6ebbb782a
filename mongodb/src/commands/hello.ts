// hello / isMaster: the handshake. We present a one-member replica set "rs0" so drivers allow
// transactions and change streams: https://www.mongodb.com/docs/manual/reference/command/hello/
import { Long, ObjectId } from 'bson';
import type { CommandSpec } from '../core.ts';
import { MAX_BSON_SIZE, MAX_MESSAGE_SIZE } from '../wire/protocol.ts';

/** MongoDB 8.0 speaks wire version 25 (https://github.com/mongodb/specifications, server-wire-version table). */
export const MAX_WIRE_VERSION = 25;
const ELECTION_ID = new ObjectId('7fffffff0000000000000001');
const PROCESS_ID = new ObjectId();

export const hello: CommandSpec = {
  name: 'hello',
  aliases: ['isMaster', 'ismaster'],
  requiresAuth: false,
  async run(inv) {
    // Streaming monitors send topologyVersion + maxAwaitTimeMS and expect the server to hold the
    // reply until the topology changes or the time passes; answering at once would make the
    // driver poll in a tight loop. Our topology never changes, so we wait the full time.
    // https://github.com/mongodb/specifications/blob/master/source/server-discovery-and-monitoring/server-monitoring.md#streaming-protocol
    const tv = inv.body.topologyVersion as { processId?: ObjectId } | undefined;
    const awaitMs = Number(inv.body.maxAwaitTimeMS ?? 0);
    if (tv && awaitMs > 0 && tv.processId instanceof ObjectId && tv.processId.equals(PROCESS_ID)) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, awaitMs);
        timer.unref();
        inv.conn.onClose(() => { clearTimeout(timer); resolve(); });
      });
    }
    const me = inv.core.address ?? '127.0.0.1:27017';
    const reply = {
      // `hello` answers isWritablePrimary; the legacy isMaster/ismaster spelling answers ismaster.
      ...(Object.keys(inv.body)[0] === 'hello' ? { isWritablePrimary: true } : { ismaster: true }),
      topologyVersion: { processId: PROCESS_ID, counter: Long.ZERO },
      hosts: [me],
      setName: 'rs0',
      setVersion: 1,
      primary: me,
      me,
      electionId: ELECTION_ID,
      lastWrite: { opTime: { ts: inv.core.clock.now(), t: Long.fromNumber(1) }, lastWriteDate: new Date(), majorityOpTime: { ts: inv.core.clock.now(), t: Long.fromNumber(1) }, majorityWriteDate: new Date() },
      secondary: false,
      maxBsonObjectSize: MAX_BSON_SIZE,
      maxMessageSizeBytes: MAX_MESSAGE_SIZE,
      maxWriteBatchSize: 100000,
      localTime: new Date(),
      logicalSessionTimeoutMinutes: 30,
      connectionId: inv.conn.id,
      minWireVersion: 0,
      maxWireVersion: MAX_WIRE_VERSION,
      readOnly: false,
    } as Record<string, unknown>;
    await inv.core.hooks.auth?.onHello?.(inv, reply);
    return reply;
  },
};
