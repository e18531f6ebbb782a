// DynamoDB number rules: 38 significant digits, magnitude 1E-130 .. 9.99E+125, canonical text.
import { describe, expect, it } from 'vitest';
import { canonicalNumber, compareNumbers, parseDecimal, significantDigits } from './numbers.ts';

describe('canonicalNumber', () => {
  it.each([
    ['1', '1'],
    ['01.50', '1.5'],
    ['-0', '0'],
    ['1e3', '1000'],
    ['1.5E-3', '0.0015'],
    ['+7', '7'],
    ['.5', '0.5'],
    ['9.9999999999999999999999999999999999999E+125', `99999999999999999999999999999999999999${'0'.repeat(88)}`],
  ])('%s → %s', (input, out) => {
    expect(canonicalNumber(input)).toBe(out);
  });

  it.each([
    ['abc', 'The parameter cannot be converted to a numeric value: abc'],
    ['', 'The parameter cannot be converted to a numeric value'],
    ['1e126', 'Number overflow. Attempting to store a number with magnitude larger than supported range'],
    ['1e-131', 'Number underflow. Attempting to store a number with magnitude smaller than supported range'],
    ['1.00000000000000000000000000000000000001', 'Attempting to store more than 38 significant digits in a Number'],
  ])('rejects %s', (input, message) => {
    expect(() => canonicalNumber(input)).toThrow(message);
  });
});

describe('compareNumbers', () => {
  it.each([
    ['1', '2', -1],
    ['10', '9', 1],
    ['-10', '-9', -1],
    ['0', '-0.0', 0],
    ['1e2', '100', 0],
    ['0.1', '0.09', 1],
    ['-0.001', '0', -1],
    ['12345678901234567890123456789012345678', '12345678901234567890123456789012345679', -1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareNumbers(a, b))).toBe(sign);
  });
});

describe('significantDigits', () => {
  it.each([
    ['0', 0],
    ['7', 1],
    ['100', 1],
    ['120', 2],
    ['12345678901234567890123456789012345678', 38],
    ['1000000000000000000000000000000000000000', 1],
    ['-120', 2],
    ['0.00120', 2],
    ['1.5E+3', 2],
    ['007', 1],
  ])('%s has %i', (text, digits) => {
    expect(significantDigits(text)).toBe(digits);
  });

  it('counts integers as the general parser does', () => {
    for (let n = 0; n < 5000; n += 7) {
      const text = String(n * 1000 + (n % 3) * 10);
      const parsed = parseDecimal(text)!.digits.length;
      expect(significantDigits(text)).toBe(parsed);
    }
  });
});
