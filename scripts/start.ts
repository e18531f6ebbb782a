// npm start: build the site if dist/ is missing or stale, start the lab engine, serve the
// course on one port (PORT / --port, default 4321; HOST / --host, default 127.0.0.1).
import { main } from '../site/server/serve.ts';

await main();
