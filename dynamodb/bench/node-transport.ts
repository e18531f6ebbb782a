// Our server on node:http (`transport: 'node'`), as a compare.ts target beside the default lean
// transport: `--targets lean=dynamodb/src/main.ts,node=dynamodb/bench/node-transport.ts,dynalite`.

import { startDynamo } from '../src/server.ts';

const server = await startDynamo({ port: 0, throttling: false, transport: 'node' });
console.log(`node:http transport listening on ${server.endpoint}`);
process.once('SIGINT', () => void server.close().then(() => process.exit(0)));
