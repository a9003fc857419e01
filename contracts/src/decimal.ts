import { Decimal } from 'decimal.js';
import { z } from 'zod';

const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const MAX_LENGTH = 40;

function decimalProblem(input: unknown): string {
  if (input === undefined) return 'required';
  if (typeof input !== 'string')
    return 'must be a decimal string such as "12.5", not a number or other type';
  if (input === '') return 'must not be empty';
  if (/^[+-]/.test(input)) return 'must not have a sign';
  if (/[eE]/.test(input)) return 'must not use exponent notation';
  if (/^0[0-9]/.test(input)) return 'must not have leading zeros';
  return 'must be a decimal string such as "12.5": digits with an optional "." and fraction';
}

/**
 * A non-negative decimal amount as a string: `0`, `12`, `0.5`, `1.50`. Guarantees digits with an
 * optional fraction, no sign, no exponent, no leading zeros (except the one in `0.x`), at most 40
 * characters. Trailing zeros are kept as sent; compare with {@link normalizeDecimal} or decimal.js.
 */
export const decimalString = z
  .string({ error: (issue) => decimalProblem(issue.input) })
  .max(MAX_LENGTH, `must be at most ${MAX_LENGTH} characters`)
  .regex(DECIMAL, { error: (issue) => decimalProblem(issue.input) });

/** A {@link decimalString} whose value is greater than zero (`0.00` is refused). */
export const positiveDecimalString = decimalString.refine(
  (value) => !DECIMAL.test(value) || new Decimal(value).greaterThan(0),
  'must be greater than 0',
);

export type DecimalString = z.infer<typeof decimalString>;

/** The shortest spelling of a valid decimal string: `"1.50"` → `"1.5"`, `"2.000"` → `"2"`. */
export function normalizeDecimal(value: DecimalString): string {
  return new Decimal(value).toFixed();
}
