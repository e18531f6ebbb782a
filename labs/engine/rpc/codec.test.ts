import { describe, expect, it } from 'vitest';
import { Decimal128, Long, ObjectId } from 'bson';
import { decode, encode } from './codec.ts';

const roundTrip = (v: unknown): unknown => decode(JSON.parse(JSON.stringify(encode(v))));

// A small seeded generator: property-style round trips over random nested values.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function randomValue(r: () => number, depth: number): unknown {
  const leaves: (() => unknown)[] = [
    () => Math.floor(r() * 1e6) - 5e5,
    () => r() * 1e3,
    () => [NaN, Infinity, -Infinity, -0, 0][Math.floor(r() * 5)],
    () => `s${Math.floor(r() * 100)}\u00e9\u{1F600}`,
    () => r() < 0.5,
    () => null,
    () => undefined,
    () => BigInt(Math.floor(r() * 1e9)) * 10n ** 12n,
    () => new Date(Math.floor(r() * 2e12)),
    () => Buffer.from([1, 2, Math.floor(r() * 255)]),
    () => new Uint8Array([9, 8, 7]),
    () => /a+b/gi,
    () => new ObjectId(),
    () => Decimal128.fromString('1234.5678'),
    () => Long.fromString('9007199254740993'),
  ];
  if (depth <= 0 || r() < 0.4) return leaves[Math.floor(r() * leaves.length)]();
  const kind = Math.floor(r() * 4);
  const n = Math.floor(r() * 4);
  const kids = Array.from({ length: n }, () => randomValue(r, depth - 1));
  if (kind === 0) return kids;
  if (kind === 1) return Object.fromEntries(kids.map((k, i) => [`k${i}`, k]));
  if (kind === 2) return new Map(kids.map((k, i) => [i % 2 ? `m${i}` : i, k]));
  return new Set(kids.filter((k) => typeof k !== 'object' || k === null));
}

describe('codec', () => {
  it('round-trips special numbers, including -0 and NaN', () => {
    for (const n of [NaN, Infinity, -Infinity, -0, 0, 1.5, -7]) expect(Object.is(roundTrip(n), n)).toBe(true);
  });

  it('round-trips Date, bigint, Map, Set, undefined, RegExp', () => {
    const v = { d: new Date('2024-05-01T10:00:00Z'), b: 2n ** 70n, m: new Map<unknown, unknown>([[1, 'a'], ['x', new Set([1, 2])]]), u: undefined, r: /x.y/m };
    const out = roundTrip(v) as typeof v;
    expect(out).toEqual(v);
    expect(out.d).toBeInstanceOf(Date);
    expect('u' in out).toBe(true);
    expect(out.r.flags).toBe('m');
  });

  it('keeps Buffer and Uint8Array apart', () => {
    const out = roundTrip({ b: Buffer.from('hi'), u: new Uint8Array([1, 2]) }) as { b: Buffer; u: Uint8Array };
    expect(Buffer.isBuffer(out.b)).toBe(true);
    expect(out.b.toString()).toBe('hi');
    expect(Buffer.isBuffer(out.u)).toBe(false);
    expect([...out.u]).toEqual([1, 2]);
  });

  it('recreates real bson classes', () => {
    const id = new ObjectId();
    const out = roundTrip({ id, d: Decimal128.fromString('0.1'), l: Long.fromString('-42') }) as { id: ObjectId; d: Decimal128; l: Long };
    expect(out.id).toBeInstanceOf(ObjectId);
    expect(out.id.equals(id)).toBe(true);
    expect(out.d).toBeInstanceOf(Decimal128);
    expect(out.d.toString()).toBe('0.1');
    expect(out.l).toBeInstanceOf(Long);
    expect(out.l.toString()).toBe('-42');
  });

  it('carries errors with name, message, stack and code', () => {
    const e = Object.assign(new RangeError('bad'), { code: 'E_BAD' });
    const out = roundTrip(e) as RangeError & { code: string };
    expect(out).toBeInstanceOf(Error);
    expect(out.name).toBe('RangeError');
    expect(out.message).toBe('bad');
    expect(out.code).toBe('E_BAD');
    expect(out.stack).toContain('bad');
  });

  it('does not confuse user objects that look like tags', () => {
    const v = { $ks: 'date', v: 'not a date' };
    expect(roundTrip(v)).toEqual(v);
  });

  it('keeps "__proto__" keys as data', () => {
    const v = JSON.parse('{"__proto__": {"polluted": true}}') as object;
    const out = roundTrip(v) as Record<string, unknown>;
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses circular values', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => encode(a)).toThrow(/circular/);
  });

  it('round-trips 300 random nested values', () => {
    const r = rng(42);
    for (let i = 0; i < 300; i++) {
      const v = randomValue(r, 4);
      expect(roundTrip(v)).toEqual(v);
    }
  });

  it('rejects unknown tags', () => {
    expect(() => decode({ $ks: 'nope', v: 1 })).toThrow(/unknown codec tag/);
  });
});
