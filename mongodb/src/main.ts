// CLI: node mongodb/src/main.ts [--port 27017] [--host 127.0.0.1] [--data-dir DIR] [--no-auth]
import { parseArgs } from 'node:util';
import { startMongo } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '27017' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
    'no-auth': { type: 'boolean', default: false },
  },
});

const srv = await startMongo({
  port: Number(values.port),
  host: values.host,
  dataDir: values['data-dir'],
  auth: values['no-auth'] ? false : undefined,
  log: (m) => console.log(`[mongo] ${m}`),
});
console.log(`ready: ${srv.uri}`);
const stop = () => void srv.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
