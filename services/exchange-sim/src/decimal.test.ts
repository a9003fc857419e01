import { describe, expect, it } from 'vitest';
import { decimalsWritten, Dec, floorToStep, fmt8 } from './decimal.js';

describe('decimal helpers', () => {
  it('renders 8 decimals the way Binance does, never rounding up', () => {
    expect(fmt8(new Dec('0.01'))).toBe('0.01000000');
    expect(fmt8(new Dec('1.123456789'))).toBe('1.12345678');
  });

  it('counts written decimals, trailing zeros included', () => {
    expect(decimalsWritten('10')).toBe(0);
    expect(decimalsWritten('0.100')).toBe(3);
  });

  it('floors to a step without float artefacts, and leaves the value alone for a zero step', () => {
    expect(floorToStep(new Dec('0.3'), new Dec('0.1')).toString()).toBe('0.3');
    expect(floorToStep(new Dec('0.12345'), new Dec('0.001')).toString()).toBe('0.123');
    expect(floorToStep(new Dec('0.12345'), new Dec(0)).toString()).toBe('0.12345');
  });
});
