// TTL plugin: starts the TTL monitor. Start option `ttlMonitorIntervalMs` (default 1000; 0 or a
// negative value disables the background pass, e.g. for tests that call sweep() themselves).
import type { MongoPlugin } from '../core.ts';
import { TtlMonitor } from './monitor.ts';

export const DEFAULT_TTL_INTERVAL_MS = 1000;

export const plugin: MongoPlugin = {
  name: 'ttl',
  install(core) {
    const opt = core.options.ttlMonitorIntervalMs;
    const interval = typeof opt === 'number' ? opt : DEFAULT_TTL_INTERVAL_MS;
    if (interval <= 0) return;
    const monitor = new TtlMonitor(core, interval);
    monitor.start();
    return () => monitor.stop();
  },
};
