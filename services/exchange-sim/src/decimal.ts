import { Decimal } from 'decimal.js';

/** decimal.js with enough significant digits for price × quantity on any listed symbol. */
export const Dec = Decimal.clone({
  precision: 50,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Dec = InstanceType<typeof Dec>;

export const ZERO = new Dec(0);

/** Binance renders amounts with 8 decimals: "0.01000000". */
export function fmt8(value: Dec): string {
  return value.toFixed(8, Dec.ROUND_DOWN);
}

/** Number of digits after the decimal point as written (trailing zeros count, as on Binance). */
export function decimalsWritten(raw: string): number {
  const dot = raw.indexOf('.');
  return dot === -1 ? 0 : raw.length - dot - 1;
}

/** `value` rounded down to a multiple of `step` (a zero step leaves it untouched). */
export function floorToStep(value: Dec, step: Dec): Dec {
  if (step.isZero()) return value;
  return value.div(step).floor().mul(step);
}
