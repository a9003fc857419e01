import { describe, expect, it } from 'vitest';
import { parseResult } from './issues.js';
import {
  isTerminalOrderState,
  OPEN_ORDER_STATES,
  OrderState,
  orderStateSchema,
  RejectCode,
  rejectCodeSchema,
} from './order-state.js';

describe('OrderState', () => {
  it('names the ten row states', () => {
    expect(orderStateSchema.options).toEqual([
      'SUBMITTING',
      'NEW',
      'PARTIALLY_FILLED',
      'FILLED',
      'CANCELED',
      'EXPIRED',
      'REJECTED',
      'UNKNOWN',
      'NOT_PLACED',
      'PENDING_CANCEL',
    ]);
    expect(OrderState.PENDING_CANCEL).toBe('PENDING_CANCEL');
  });

  it('refuses a state it does not know', () => {
    expect(parseResult(orderStateSchema, 'DONE')).toMatchObject({
      ok: false,
      issues: [expect.stringMatching(/^Invalid option: expected one of "SUBMITTING"/)],
    });
  });

  it('marks only final states terminal', () => {
    const terminal = orderStateSchema.options.filter(isTerminalOrderState);
    expect(terminal).toEqual(['FILLED', 'CANCELED', 'EXPIRED', 'REJECTED', 'NOT_PLACED']);
  });

  it('calls every state that is not terminal open', () => {
    const open = orderStateSchema.options.filter((s) => !isTerminalOrderState(s));
    expect([...OPEN_ORDER_STATES].sort()).toEqual([...open].sort());
    expect(OPEN_ORDER_STATES).toEqual([
      'SUBMITTING',
      'UNKNOWN',
      'NEW',
      'PARTIALLY_FILLED',
      'PENDING_CANCEL',
    ]);
  });
});

describe('RejectCode', () => {
  it('covers local refusals, exchange filters and venue outcomes', () => {
    expect(rejectCodeSchema.options).toHaveLength(22);
    expect(RejectCode.FUTURE_DATED).toBe('FUTURE_DATED');
    expect(RejectCode.DEAD_LETTER).toBe('DEAD_LETTER');
    expect(RejectCode.HELD_UNTIL_RECONCILED).toBe('HELD_UNTIL_RECONCILED');
    expect(RejectCode.RISK_LIMIT).toBe('RISK_LIMIT');
    expect(RejectCode.STRATEGY_PAUSED).toBe('STRATEGY_PAUSED');
    expect(parseResult(rejectCodeSchema, 'MIN_NOTIONAL')).toEqual({
      ok: true,
      value: 'MIN_NOTIONAL',
    });
    expect(parseResult(rejectCodeSchema, 'NOPE').ok).toBe(false);
  });
});
