// CLI: node dynamodb/src/main.ts [--port 8000] [--host 127.0.0.1] [--cors] [--data-dir DIR]
//      [--regions us-east-1,eu-west-1] [--no-throttling]

import { parseArgs } from 'node:util';
import { startDynamo } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8000' },
    host: { type: 'string', default: '127.0.0.1' },
    cors: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    regions: { type: 'string' },
    'no-throttling': { type: 'boolean', default: false },
  },
});

const server = await startDynamo({
  port: Number(values.port),
  host: values.host,
  cors: values.cors,
  dataDir: values['data-dir'],
  regions: values.regions?.split(',').filter(Boolean),
  throttling: !values['no-throttling'],
});
console.log(`DynamoDB-compatible server listening on ${server.endpoint}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
