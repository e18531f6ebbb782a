// DynamoDB numbers are decimals with up to 38 significant digits and a magnitude between
// 1E-130 and 9.99...E+125 (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number).
// JS floats cannot hold that, so numbers stay strings and are compared digit by digit.

import { validation } from './errors.ts';

/** value = (neg ? -1 : 1) × 0.digits × 10^exp; zero has digits ''. */
export interface Decimal {
  neg: boolean;
  digits: string;
  exp: number;
}

const NUMBER = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses a wire number, or undefined when it is not a number at all. */
export function parseDecimal(text: string): Decimal | undefined {
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  if (int === '' && frac === '') return undefined;
  let digits = int + frac;
  let exp = int.length + (m[4] ? Number(m[4]) : 0);
  const lead = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(lead).replace(/0+$/, '');
  exp -= lead;
  if (digits === '') return { neg: false, digits: '', exp: 0 };
  return { neg: m[1] === '-', digits, exp };
}

/** Checks a number against DynamoDB's limits and returns its canonical text (what reads return). */
export function canonicalNumber(text: string): string {
  const d = parseDecimal(text);
  if (!d) {
    throw validation(
      text === '' ? 'The parameter cannot be converted to a numeric value' : `The parameter cannot be converted to a numeric value: ${text}`,
    );
  }
  if (d.digits !== '') {
    if (d.exp > 126) throw validation('Number overflow. Attempting to store a number with magnitude larger than supported range');
    if (d.exp < -129) throw validation('Number underflow. Attempting to store a number with magnitude smaller than supported range');
    if (d.digits.length > 38) throw validation('Attempting to store more than 38 significant digits in a Number');
  }
  return formatDecimal(d);
}

/** Plain (non-exponent) notation, as DynamoDB answers numbers. */
export function formatDecimal(d: Decimal): string {
  if (d.digits === '') return '0';
  const sign = d.neg ? '-' : '';
  if (d.exp <= 0) return `${sign}0.${'0'.repeat(-d.exp)}${d.digits}`;
  if (d.exp >= d.digits.length) return sign + d.digits + '0'.repeat(d.exp - d.digits.length);
  return `${sign}${d.digits.slice(0, d.exp)}.${d.digits.slice(d.exp)}`;
}

function compareMagnitude(a: Decimal, b: Decimal): number {
  if (a.exp !== b.exp) return a.exp < b.exp ? -1 : 1;
  const n = Math.max(a.digits.length, b.digits.length);
  const x = a.digits.padEnd(n, '0');
  const y = b.digits.padEnd(n, '0');
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A canonical non-negative integer ("0", "42"): compared by length, then text. */
function isPlainInteger(s: string): boolean {
  if (s.length > 1 && s.charCodeAt(0) === 48) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.length > 0;
}

/** Numeric comparison of two wire numbers (both assumed valid). */
export function compareNumbers(x: string, y: string): number {
  // Fast path for the common key shape (stored numbers are canonical).
  if (isPlainInteger(x) && isPlainInteger(y)) return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
  const a = parseDecimal(x)!;
  const b = parseDecimal(y)!;
  const signA = a.digits === '' ? 0 : a.neg ? -1 : 1;
  const signB = b.digits === '' ? 0 : b.neg ? -1 : 1;
  if (signA !== signB) return signA < signB ? -1 : 1;
  if (signA === 0) return 0;
  const m = compareMagnitude(a, b);
  return signA < 0 ? -m : m;
}

/** Number of significant digits, used by the item-size rules. */
export function significantDigits(text: string): number {
  // Fast path for canonical non-negative integers (item sizes are computed several times per
  // write): the digits minus trailing zeros, as parseDecimal would count them.
  if (isPlainInteger(text)) {
    let end = text.length;
    while (end > 0 && text.charCodeAt(end - 1) === 48) end--;
    return end;
  }
  return parseDecimal(text)?.digits.length ?? 0;
}
