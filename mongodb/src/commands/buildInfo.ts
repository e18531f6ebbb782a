// buildInfo: drivers and shells read `version`/`versionArray` to gate features.
// https://www.mongodb.com/docs/manual/reference/command/buildInfo/
import type { CommandSpec } from '../core.ts';
import { MAX_BSON_SIZE } from '../wire/protocol.ts';

export const SERVER_VERSION = '8.0.12';

export const buildInfo: CommandSpec = {
  name: 'buildInfo',
  aliases: ['buildinfo'],
  requiresAuth: false,
  run: () => ({
    version: SERVER_VERSION,
    gitVersion: 'keyspace',
    versionArray: [...SERVER_VERSION.split('.').map(Number), 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_SIZE,
    storageEngines: ['keyspace-memory'],
    modules: [],
    javascriptEngine: 'none',
  }),
};
