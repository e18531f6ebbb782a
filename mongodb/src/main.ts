// CLI: node mongodb/src/main.ts [--port 27017] [--host 127.0.0.1] [--data-dir DIR] [--user name:password ...]
// With one or more --user, access control is on and each user gets the root role on admin.
import { parseArgs } from 'node:util';
import { startMongo } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '27017' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
    user: { type: 'string', multiple: true },
  },
});

const users = (values.user ?? []).map((spec) => {
  const i = spec.indexOf(':');
  if (i <= 0) throw new Error(`--user expects name:password, got "${spec}"`);
  return { user: spec.slice(0, i), pwd: spec.slice(i + 1) };
});

const t0 = performance.now();
const srv = await startMongo({
  port: Number(values.port),
  host: values.host,
  dataDir: values['data-dir'],
  auth: users.length ? { users } : false,
  log: (m) => console.log(`[mongo] ${m}`),
});
console.log(`ready in ${(performance.now() - t0).toFixed(0)} ms: ${srv.uri}`);
const stop = () => void srv.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
