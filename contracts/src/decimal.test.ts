import { describe, expect, it } from 'vitest';
import { decimalString, normalizeDecimal, positiveDecimalString } from './decimal.js';
import { parseResult } from './issues.js';

describe('decimalString', () => {
  it.each(['0', '12', '0.5', '1.50', '0.00000001', '123456789.123456789'])(
    'accepts %s',
    (value) => {
      expect(decimalString.parse(value)).toBe(value);
    },
  );

  it.each([
    ['-1', 'must not have a sign'],
    ['+1', 'must not have a sign'],
    ['1e5', 'must not use exponent notation'],
    ['01.5', 'must not have leading zeros'],
    ['00', 'must not have leading zeros'],
    ['', 'must not be empty'],
    ['.5', 'must be a decimal string such as "12.5": digits with an optional "." and fraction'],
    ['1.', 'must be a decimal string such as "12.5": digits with an optional "." and fraction'],
    ['1,5', 'must be a decimal string such as "12.5": digits with an optional "." and fraction'],
    [' 1', 'must be a decimal string such as "12.5": digits with an optional "." and fraction'],
  ])('refuses %j: %s', (value, message) => {
    expect(parseResult(decimalString, value)).toEqual({ ok: false, issues: [message] });
  });

  it('refuses more than 40 characters', () => {
    expect(parseResult(decimalString, '1'.repeat(41))).toEqual({
      ok: false,
      issues: ['must be at most 40 characters'],
    });
  });

  it('refuses numbers and missing values with a sentence', () => {
    expect(parseResult(decimalString, 1.5)).toEqual({
      ok: false,
      issues: ['must be a decimal string such as "12.5", not a number or other type'],
    });
    expect(parseResult(decimalString, undefined)).toEqual({ ok: false, issues: ['required'] });
  });
});

describe('positiveDecimalString', () => {
  it('accepts values above zero', () => {
    expect(positiveDecimalString.parse('0.00000001')).toBe('0.00000001');
  });

  it('refuses zero in any spelling', () => {
    expect(parseResult(positiveDecimalString, '0')).toEqual({
      ok: false,
      issues: ['must be greater than 0'],
    });
    expect(parseResult(positiveDecimalString, '0.000')).toEqual({
      ok: false,
      issues: ['must be greater than 0'],
    });
  });

  it('reports only the format problem for a malformed value', () => {
    expect(parseResult(positiveDecimalString, '-3')).toEqual({
      ok: false,
      issues: ['must not have a sign'],
    });
  });
});

describe('normalizeDecimal', () => {
  it('drops trailing zeros so equal amounts spell the same', () => {
    expect(normalizeDecimal('1.50')).toBe('1.5');
    expect(normalizeDecimal('2.000')).toBe('2');
    expect(normalizeDecimal('0.0')).toBe('0');
    expect(normalizeDecimal('0.00000001')).toBe('0.00000001');
    expect(normalizeDecimal('123456789012345678901234567890.10')).toBe(
      '123456789012345678901234567890.1',
    );
  });
});
