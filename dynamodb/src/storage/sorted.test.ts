// The ordered item collection: binary-search placement, replacement, deletion, scan order
// by token with resumption, and equal distribution of segments.
import { describe, expect, it } from 'vitest';
import type { Item } from '../types.ts';
import { SortedItems, tokenOf } from './sorted.ts';

const item = (pk: string, sk: number, v = ''): Item => ({ pk: { S: pk }, sk: { N: String(sk) }, v: { S: v } });

describe('SortedItems', () => {
  it('keeps each partition sorted by the sort key and replaces on equal keys', () => {
    const s = new SortedItems('pk', ['sk']);
    for (const n of [5, 1, 10, 3, 2]) s.put(item('a', n));
    expect(s.put(item('a', 3, 'new'))?.v).toEqual({ S: '' });
    expect(s.partition({ S: 'a' })!.entries.map((e) => e.item.sk)).toEqual([1, 2, 3, 5, 10].map((n) => ({ N: String(n) })));
    expect(s.get(item('a', 3))?.v).toEqual({ S: 'new' });
    expect(s.size).toBe(5);
    expect(s.delete(item('a', 3))).toBe(true);
    expect(s.delete(item('a', 3))).toBe(false);
    expect(s.size).toBe(4);
  });

  it('skips items lacking a sort attribute (sparse index)', () => {
    const s = new SortedItems('g', ['pk']);
    expect(s.put({ pk: { S: 'x' } })).toBeUndefined();
    expect(s.size).toBe(0);
  });

  it('scans in token order and resumes after a start key', () => {
    const s = new SortedItems('pk', ['sk']);
    for (let i = 0; i < 50; i++) s.put(item(`p${i % 10}`, i));
    const all = [...s.scan(0, 2 ** 32)].map((e) => e.item);
    expect(all.length).toBe(50);
    const tokens = all.map((i) => tokenOf(`S${(i.pk as { S: string }).S}`));
    expect([...tokens].sort((a, b) => a - b)).toEqual(tokens);
    const resumed = [...s.scan(0, 2 ** 32, all[22])].map((e) => e.item);
    expect(resumed).toEqual(all.slice(23));
  });

  it('removes empty partitions from the scan order', () => {
    const s = new SortedItems('pk', []);
    s.put({ pk: { S: 'a' } });
    s.put({ pk: { S: 'b' } });
    s.delete({ pk: { S: 'a' } });
    expect([...s.scan(0, 2 ** 32)].map((e) => e.item.pk)).toEqual([{ S: 'b' }]);
  });

  it('spreads partitions over segments', () => {
    const s = new SortedItems('pk', []);
    for (let i = 0; i < 4000; i++) s.put({ pk: { S: `user#${i}` } });
    const quarter = 2 ** 30;
    const counts = [0, 1, 2, 3].map((k) => [...s.scan(k * quarter, (k + 1) * quarter)].length);
    expect(counts.reduce((a, b) => a + b)).toBe(4000);
    for (const c of counts) expect(c).toBeGreaterThan(800);
  });
});
