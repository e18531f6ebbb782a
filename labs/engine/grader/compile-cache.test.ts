import { describe, expect, it } from 'vitest';
import { compileCache } from './compile-cache.ts';
import type { CompileResult } from '../compile/compile.ts';

/** A stand-in for compileLearner that counts calls and echoes its input. */
function counting(): { calls: string[]; compile: (source: string) => Promise<CompileResult> } {
  const calls: string[] = [];
  return {
    calls,
    compile: async (source: string) => {
      calls.push(source);
      return source.includes('syntax error') ? { ok: false, message: 'x.ts:1:1: Expected', location: { line: 1, column: 1 } } : { ok: true, code: `compiled:${source}` };
    },
  };
}

describe('compile cache', () => {
  it('compiles the same code of the same learner once', async () => {
    const c = counting();
    const compile = compileCache(c.compile);
    const a = await compile('ada', 'export const x = 1;', 'x.ts', ['redis'], {});
    const b = await compile('ada', 'export const x = 1;', 'x.ts', ['redis'], {});
    expect(a).toEqual({ ok: true, code: 'compiled:export const x = 1;' });
    expect(b).toBe(a);
    expect(c.calls).toHaveLength(1);
  });

  it('compiles again for another learner, other code, file name, packages or bundles', async () => {
    const c = counting();
    const compile = compileCache(c.compile);
    await compile('ada', 'export const x = 1;', 'x.ts', ['redis'], {});
    await compile('bob', 'export const x = 1;', 'x.ts', ['redis'], {});
    await compile('ada', 'export const x = 2;', 'x.ts', ['redis'], {});
    await compile('ada', 'export const x = 1;', 'y.ts', ['redis'], {});
    await compile('ada', 'export const x = 1;', 'x.ts', ['pg'], {});
    await compile('ada', 'export const x = 1;', 'x.ts', ['redis'], { redis: 'file:///b/redis.mjs' });
    expect(c.calls).toHaveLength(6);
  });

  it('keeps compile errors, shares one compile between concurrent identical requests', async () => {
    const c = counting();
    const compile = compileCache(c.compile);
    const [a, b] = await Promise.all([compile('ada', 'syntax error', 'x.ts', [], {}), compile('ada', 'syntax error', 'x.ts', [], {})]);
    expect(a).toMatchObject({ ok: false });
    expect(b).toBe(a);
    await compile('ada', 'syntax error', 'x.ts', [], {});
    expect(c.calls).toHaveLength(1);
  });

  it('forgets the least recently used results beyond its size', async () => {
    const c = counting();
    // Each result here is ≈ 2 × 40 bytes: room for two.
    const compile = compileCache(c.compile, 170);
    const code = (n: number) => `export const value${n} = ${n};`.padEnd(30, ' ');
    await compile('ada', code(1), 'x.ts', [], {});
    await compile('ada', code(2), 'x.ts', [], {});
    await compile('ada', code(1), 'x.ts', [], {}); // 1 is now the most recently used
    await compile('ada', code(3), 'x.ts', [], {}); // evicts 2
    expect(c.calls).toHaveLength(3);
    await compile('ada', code(1), 'x.ts', [], {});
    expect(c.calls).toHaveLength(3);
    await compile('ada', code(2), 'x.ts', [], {});
    expect(c.calls).toHaveLength(4);
  });

  it('does not keep a compile that threw', async () => {
    let calls = 0;
    const compile = compileCache(async () => {
      calls++;
      throw new Error('esbuild service stopped');
    });
    await expect(compile('ada', 'x', 'x.ts', [], {})).rejects.toThrow('esbuild service stopped');
    await expect(compile('ada', 'x', 'x.ts', [], {})).rejects.toThrow('esbuild service stopped');
    expect(calls).toBe(2);
  });
});
