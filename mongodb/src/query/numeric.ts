// Arithmetic over BSON numeric types as MongoDB widens them: any Decimal128 operand gives a
// Decimal128, else any Long gives a Long, else a double/int. Decimal sums and products are exact
// (fixed-point BigInt); division is rounded to 15 significant digits.
// https://www.mongodb.com/docs/manual/reference/operator/aggregation/add/#behavior
import { Decimal128, Long } from 'bson';
import { toNumber } from '../storage/bson-order.ts';

export const isWide = (v: unknown): boolean => v instanceof Decimal128 || v instanceof Long;

interface Fixed { n: bigint; scale: number }

function toFixed(v: unknown): Fixed | undefined {
  const t = v instanceof Decimal128 ? v.toString() : v instanceof Long ? v.toString() : String(toNumber(v));
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  const n = BigInt(m[2] + frac);
  return { n: m[1] ? -n : n, scale: frac.length };
}

function fromFixed({ n, scale }: Fixed): Decimal128 {
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return Decimal128.fromString((neg ? '-' : '') + text);
}

const align = (a: Fixed, scale: number): bigint => a.n * 10n ** BigInt(scale - a.scale);
const rounded = (x: number) => Decimal128.fromString(String(Number(x.toPrecision(15))));

export function add(values: unknown[]): number | Long | Decimal128 {
  if (values.some((v) => v instanceof Decimal128)) {
    const fixed = values.map(toFixed);
    if (fixed.some((f) => !f)) return rounded(values.reduce((a: number, v) => a + toNumber(v), 0));
    const scale = Math.max(...fixed.map((f) => f!.scale));
    return fromFixed({ n: fixed.reduce((s, f) => s + align(f!, scale), 0n), scale });
  }
  if (values.some((v) => v instanceof Long) && values.every((v) => Number.isInteger(toNumber(v)))) {
    return Long.fromBigInt(values.reduce((s: bigint, v) => s + BigInt(v instanceof Long ? v.toString() : toNumber(v)), 0n));
  }
  return values.reduce((a: number, v) => a + toNumber(v), 0);
}

export function multiply(values: unknown[]): number | Long | Decimal128 {
  if (values.some((v) => v instanceof Decimal128)) {
    const fixed = values.map(toFixed);
    if (fixed.some((f) => !f)) return rounded(values.reduce((a: number, v) => a * toNumber(v), 1));
    return fromFixed(fixed.reduce<Fixed>((p, f) => ({ n: p.n * f!.n, scale: p.scale + f!.scale }), { n: 1n, scale: 0 }));
  }
  if (values.some((v) => v instanceof Long) && values.every((v) => Number.isInteger(toNumber(v)))) {
    return Long.fromBigInt(values.reduce((s: bigint, v) => s * BigInt(v instanceof Long ? v.toString() : toNumber(v)), 1n));
  }
  return values.reduce((a: number, v) => a * toNumber(v), 1);
}

export const negate = (v: unknown): unknown =>
  v instanceof Decimal128 ? Decimal128.fromString(v.toString().startsWith('-') ? v.toString().slice(1) : '-' + v.toString()) : v instanceof Long ? v.negate() : -toNumber(v);

export function divide(a: unknown, b: unknown): number | Decimal128 {
  const q = toNumber(a) / toNumber(b);
  return a instanceof Decimal128 || b instanceof Decimal128 ? rounded(q) : q;
}
