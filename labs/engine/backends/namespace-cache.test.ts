import { describe, expect, it } from 'vitest';
import { NamespaceCache } from './namespace-cache.ts';
import type { Namespace } from './provider.ts';

function fake(closed: string[], name: string): () => Promise<Namespace> {
  return async () => ({ env: {}, clients: {}, reset: async () => undefined, close: async () => void closed.push(name) });
}

describe('NamespaceCache', () => {
  it('creates once per learner and reuses', async () => {
    const cache = new NamespaceCache();
    let made = 0;
    const create = async (): Promise<Namespace> => ({ env: { REDIS_URL: String(++made) }, clients: {}, reset: async () => undefined, close: async () => undefined });
    const a = await cache.get('a', create);
    expect(await cache.get('a', create)).toBe(a);
    expect(made).toBe(1);
    await cache.closeAll();
  });

  it('closes the least recently used beyond the cap', async () => {
    const closed: string[] = [];
    const cache = new NamespaceCache(60_000, 2);
    await cache.get('a', fake(closed, 'a'));
    await new Promise((r) => setTimeout(r, 5));
    await cache.get('b', fake(closed, 'b'));
    await new Promise((r) => setTimeout(r, 5));
    await cache.get('a', fake(closed, 'a2'));
    await new Promise((r) => setTimeout(r, 5));
    await cache.get('c', fake(closed, 'c'));
    await new Promise((r) => setTimeout(r, 5));
    expect(closed).toEqual(['b']);
    expect(cache.size).toBe(2);
    await cache.closeAll();
    expect(closed.sort()).toEqual(['a', 'b', 'c']);
  });

  it('closes namespaces idle longer than idleMs', async () => {
    const closed: string[] = [];
    const cache = new NamespaceCache(20, 100);
    await cache.get('old', fake(closed, 'old'));
    await new Promise((r) => setTimeout(r, 40));
    await cache.get('new', fake(closed, 'new'));
    await new Promise((r) => setTimeout(r, 5));
    expect(closed).toEqual(['old']);
    await cache.closeAll();
  });

  it('forgets a namespace whose creation failed, so the next get retries', async () => {
    const cache = new NamespaceCache();
    await expect(cache.get('x', async () => Promise.reject(new Error('no port')))).rejects.toThrow('no port');
    await new Promise((r) => setTimeout(r, 1));
    expect(cache.size).toBe(0);
    await cache.closeAll();
  });
});
