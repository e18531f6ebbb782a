// Change streams plugin: keeps the change history (fed by the core's change events) and serves
// `aggregate` pipelines that start with $changeStream. History length: `changeStreamHistory`
// start option (default 10 000 events).
import type { MongoPlugin } from '../core.ts';
import { ChangeLog } from './log.ts';
import { openChangeStream } from './stage.ts';

export const plugin: MongoPlugin = {
  name: 'changestreams',
  install(core) {
    const capacity = typeof core.options.changeStreamHistory === 'number' ? core.options.changeStreamHistory : undefined;
    const log = new ChangeLog(capacity);
    const unsubscribe = core.events.onChange((e) => log.append(e));
    core.aggregateSources.register('$changeStream', (inv) => openChangeStream(inv, log));
    return unsubscribe;
  },
};
