// TTL expiry for the server: `startTtl(store)` begins sweeping; `stop()` on the result ends it.

import type { DynamoServer } from '../server.ts';
import type { Store } from '../storage/store.ts';
import { TtlSweeper, type TtlOptions } from './sweeper.ts';

export { expiryOf, TtlSweeper, type TtlOptions } from './sweeper.ts';

export function startTtl(store: Store, options: TtlOptions = {}): TtlSweeper {
  return new TtlSweeper(store, options).start();
}

/**
 * The server's extension hook (see server.ts). Options come from `ttl` in the server options;
 * the clock defaults to the server's `now`.
 */
export function install(server: DynamoServer): { close(): void } {
  const options = (server.options.ttl ?? {}) as TtlOptions;
  const sweeper = startTtl(server.store, { now: server.options.now, ...options });
  return { close: () => sweeper.stop() };
}
