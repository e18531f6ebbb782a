// Exact decimal addition and subtraction for `SET a = b + :n` and `ADD a :n`
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html#Expressions.UpdateExpressions.SET.IncrementAndDecrement).
// Numbers carry up to 38 significant digits, more than a double holds, so the sum is computed
// on BigInt mantissas and the result goes through the same limit checks as stored numbers.

import { canonicalNumber, parseDecimal } from '../numbers.ts';

/** value = mantissa × 10^scale */
function toScaled(text: string): { mantissa: bigint; scale: number } {
  const d = parseDecimal(text)!;
  if (d.digits === '') return { mantissa: 0n, scale: 0 };
  const mantissa = BigInt(d.digits) * (d.neg ? -1n : 1n);
  return { mantissa, scale: d.exp - d.digits.length };
}

function fromScaled(mantissa: bigint, scale: number): string {
  const neg = mantissa < 0n;
  const digits = (neg ? -mantissa : mantissa).toString();
  return `${neg ? '-' : ''}${digits}E${scale}`;
}

/** a + b (or a − b), canonical; throws DynamoDB's overflow / precision ValidationException. */
export function addNumbers(a: string, b: string, subtract = false): string {
  const x = toScaled(a);
  const y = toScaled(b);
  const scale = Math.min(x.scale, y.scale);
  const mx = x.mantissa * 10n ** BigInt(x.scale - scale);
  const my = y.mantissa * 10n ** BigInt(y.scale - scale);
  return canonicalNumber(fromScaled(subtract ? mx - my : mx + my, scale));
}
