import { describe, expect, it } from 'vitest';
import { Decimal128, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { compareBson, keyString } from './bson-order.ts';

describe('BSON comparison order', () => {
  it('orders across types as MongoDB documents', () => {
    const oid = new ObjectId();
    const values = [new MaxKey(), /re/, new Timestamp({ t: 1, i: 1 }), new Date(0), true, oid, [1], { a: 1 }, 'str', 5, null, new MinKey()];
    const sorted = [...values].sort(compareBson);
    expect(sorted).toEqual([...values].reverse());
  });

  it('compares numbers across numeric types by value', () => {
    expect(compareBson(1, Long.fromNumber(1))).toBe(0);
    expect(compareBson(Decimal128.fromString('2.5'), 2)).toBe(1);
    expect(keyString(1)).toBe(keyString(Long.fromNumber(1)));
  });

  it('compares ObjectIds, dates and objects by content', () => {
    const a = new ObjectId('000000000000000000000001');
    const b = new ObjectId('000000000000000000000002');
    expect(compareBson(a, b)).toBe(-1);
    expect(compareBson(new Date(5), new Date(5))).toBe(0);
    expect(compareBson({ a: 1, b: 2 }, { a: 1, b: 3 })).toBe(-1);
    expect(keyString(new ObjectId(a.toHexString()))).toBe(keyString(a));
  });
});
