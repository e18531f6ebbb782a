// floor.ts on the lean transport (src/http/lean.ts): answers every request with `{}` and the
// headers our server sends, doing no DynamoDB work. Beside floor.ts it shows what the
// transport itself costs: `--targets floor=dynamodb/bench/floor.ts,leanfloor=dynamodb/bench/floor-lean.ts,...`.

import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import type { Responder, WireResponse } from '../src/http/handler.ts';
import { createLeanServer } from '../src/http/lean.ts';

const BODY = '{}';
const answer = (): WireResponse => ({
  status: 200,
  headers: ['x-amzn-RequestId', 'A'.repeat(52), 'Content-Type', 'application/x-amz-json-1.0', 'Content-Length', '2', 'x-amz-crc32', String(crc32(BODY))],
  body: BODY,
});
const responder: Responder = { maxBodyBytes: 16 * 1024 * 1024, respond: async () => answer(), tooLarge: answer };
const { server, close } = createLeanServer(responder);
server.listen(0, '127.0.0.1', () => console.log(`lean floor listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`));
process.once('SIGINT', () => void close().then(() => process.exit(0)));
