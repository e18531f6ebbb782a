import { describe, expect, it } from 'vitest';
import type { OpLogEntry } from './actions/context.ts';
import { OpsLogRing } from './opslog.ts';

const entry = (i: number): OpLogEntry => ({ at: i, operation: 'GetItem', region: 'us-east-1', namespace: 'n' });

describe('OpsLogRing', () => {
  it('keeps everything, in order, until the limit', () => {
    const log = new OpsLogRing(4);
    for (let i = 0; i < 3; i++) log.push(entry(i));
    expect(log.toArray().map((e) => e.at)).toEqual([0, 1, 2]);
  });

  it('drops the oldest entries past the limit and stays oldest-first', () => {
    const log = new OpsLogRing(4);
    for (let i = 0; i < 11; i++) {
      log.push(entry(i));
      const seen = log.toArray().map((e) => e.at);
      expect(seen).toEqual(Array.from({ length: Math.min(i + 1, 4) }, (_, k) => i - Math.min(i + 1, 4) + 1 + k));
    }
  });

  it('hands out copies', () => {
    const log = new OpsLogRing(2);
    log.push(entry(1));
    log.toArray().pop();
    expect(log.toArray()).toHaveLength(1);
  });
});
