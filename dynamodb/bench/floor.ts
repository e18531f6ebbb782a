// The cost of node:http itself: answers every POST with `{}` and the headers our server sends,
// doing no DynamoDB work. As a compare.ts target (`floor=dynamodb/bench/floor.ts`) it shows the
// ceiling any server built on node:http reaches on the machine at hand.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';

const BODY = '{}';
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, ['x-amzn-RequestId', 'A'.repeat(52), 'Content-Type', 'application/x-amz-json-1.0', 'Content-Length', '2', 'x-amz-crc32', String(crc32(BODY))]);
    res.end(BODY);
  });
});
server.listen(0, '127.0.0.1', () => console.log(`floor listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`));
process.once('SIGINT', () => server.close(() => process.exit(0)));
