import { describe, expect, it } from 'vitest';
import { advancedState, movesForward } from './order-progress.js';

describe('movesForward', () => {
  it('more executed quantity is forward; less is a stale report', () => {
    expect(
      movesForward(
        { state: 'NEW', executedQty: '0' },
        { state: 'PARTIALLY_FILLED', executedQty: '0.001' },
      ),
    ).toBe(true);
    expect(
      movesForward(
        { state: 'PARTIALLY_FILLED', executedQty: '0.002' },
        { state: 'PARTIALLY_FILLED', executedQty: '0.00100000' },
      ),
    ).toBe(false);
  });

  it('at equal quantity only a later state is forward; a repeat is not', () => {
    const resting = { state: 'NEW', executedQty: '0.00000000' } as const;
    expect(movesForward(resting, { state: 'CANCELED', executedQty: '0' })).toBe(true);
    expect(movesForward(resting, { state: 'NEW', executedQty: '0' })).toBe(false);
    expect(movesForward({ state: 'SUBMITTING', executedQty: '0' }, resting)).toBe(true);
    expect(movesForward({ state: 'UNKNOWN', executedQty: '0' }, resting)).toBe(true);
    expect(movesForward({ state: 'PENDING_CANCEL', executedQty: '0' }, resting)).toBe(false);
  });

  it('a final row never moves, whatever is reported', () => {
    for (const state of ['FILLED', 'CANCELED', 'EXPIRED', 'REJECTED', 'NOT_PLACED'] as const) {
      expect(movesForward({ state, executedQty: '0' }, { state: 'FILLED', executedQty: '1' })).toBe(
        false,
      );
    }
  });
});

describe('advancedState', () => {
  it('PENDING_CANCEL stays while the venue still shows the order open', () => {
    expect(advancedState('PENDING_CANCEL', 'PARTIALLY_FILLED')).toBe('PENDING_CANCEL');
    expect(advancedState('PENDING_CANCEL', 'CANCELED')).toBe('CANCELED');
    expect(advancedState('NEW', 'PARTIALLY_FILLED')).toBe('PARTIALLY_FILLED');
  });
});
