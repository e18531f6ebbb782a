// Exact decimal arithmetic for the checks: Decimal128 text → integer thousandths of a cent,
// so expected sums are computed without ever touching a binary double.
import { EJSON } from 'bson';
import type { Document } from 'mongodb';

/** Millionths of a unit (more digits than any total here has), from a Decimal128's text (may use E notation). */
export function micros(text: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:E([+-]\d+))?$/i.exec(text);
  if (!m) throw new Error(`not a finite decimal: ${text}`);
  let n = BigInt(m[2] + (m[3] ?? ''));
  let scale = (m[3] ?? '').length - Number(m[4] ?? 0);
  if (scale < 0) {
    n *= 10n ** BigInt(-scale);
    scale = 0;
  }
  const u = scale <= 6 ? n * 10n ** BigInt(6 - scale) : n / 10n ** BigInt(scale - 6);
  return m[1] ? -u : u;
}

/** 12345670000n → "12345.67" */
export function show(u: bigint): string {
  const sign = u < 0n ? '-' : '';
  const a = u < 0n ? -u : u;
  return `${sign}${a / 1_000_000n}.${(a % 1_000_000n).toString().padStart(6, '0').replace(/0{1,4}$/, '')}`;
}

export const isBson = (v: unknown, type: string): boolean => !!v && typeof v === 'object' && (v as { _bsontype?: string })._bsontype === type;

/** For messages: relaxed EJSON (3, not {"$numberInt":"3"}), cut to a readable length. */
export function fmt(v: unknown): string {
  const s = v === undefined ? 'undefined' : EJSON.stringify(v as Document, { relaxed: true });
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}
