import { orderIntentSchema } from '@livegate/contracts';
import { describe, expect, it } from 'vitest';
import { needsWork, placeRequestOf, rowFromIntent, timingOf } from './order-row.js';
import { orderRow } from './test-rows.test-support.js';

const intent = orderIntentSchema.parse({
  intentId: 'i-1',
  mode: 'live',
  symbol: 'BTCUSDT',
  side: 'SELL',
  type: 'MARKET',
  quoteOrderQty: '100',
  source: 'strat',
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-01-01T00:00:30.000Z',
});
const ctx = {
  fingerprint: 'f'.repeat(64),
  clientOrderId: 'lg-x',
  venue: 'live',
  instanceId: 'me',
  now: Date.parse('2026-01-01T00:00:01Z'),
  leaseMs: 1000,
  recvWindowMs: 3000,
};

describe('rowFromIntent', () => {
  it('stores a SUBMITTING row leased to this instance, not sent yet (only the fence marks it sent)', () => {
    expect(
      rowFromIntent(intent, { ...ctx, decision: { state: 'SUBMITTING', sessionId: 's1' } }),
    ).toMatchObject({
      intent_id: 'i-1',
      client_order_id: 'lg-x',
      mode: 'live',
      venue: 'live',
      side: 'SELL',
      type: 'MARKET',
      quantity: null,
      quote_order_qty: '100',
      price: null,
      time_in_force: null,
      intent_expires_at: new Date('2026-01-01T00:00:30Z'),
      state: 'SUBMITTING',
      reject_code: null,
      live_session_id: 's1',
      attempts: 0,
      last_sent_at: null,
      recv_window_ms: 3000,
      lease_holder: 'me',
      lease_expires_at: new Date(ctx.now + 1000),
    });
  });

  it('stores a refusal unleased, never sent', () => {
    const limit = orderIntentSchema.parse({
      ...intent,
      type: 'LIMIT',
      quoteOrderQty: undefined,
      quantity: '1',
      price: '2',
      timeInForce: 'GTC',
      expiresAt: undefined,
    });
    expect(
      rowFromIntent(limit, {
        ...ctx,
        decision: { state: 'REJECTED', code: 'NOT_ARMED', message: 'no' },
      }),
    ).toMatchObject({
      state: 'REJECTED',
      reject_code: 'NOT_ARMED',
      reject_message: 'no',
      quantity: '1',
      price: '2',
      time_in_force: 'GTC',
      intent_expires_at: null,
      live_session_id: null,
      attempts: 0,
      last_sent_at: null,
      lease_holder: null,
      lease_expires_at: null,
    });
  });
});

describe('placeRequestOf / timingOf / needsWork', () => {
  it('turns a row back into the placement request and the intent timing', () => {
    expect(placeRequestOf(orderRow())).toEqual({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      clientOrderId: 'lg-abc',
      quantity: '0.00100',
      price: '50000.00',
      timeInForce: 'GTC',
    });
    expect(
      placeRequestOf(
        orderRow({
          type: 'MARKET',
          quantity: null,
          quote_order_qty: '5',
          price: null,
          time_in_force: null,
        }),
      ),
    ).toEqual({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      clientOrderId: 'lg-abc',
      quoteOrderQty: '5',
    });
    expect(timingOf(orderRow())).toEqual({ createdAt: '2026-01-01T00:00:00.000Z' });
    expect(timingOf(orderRow({ intent_expires_at: new Date('2026-01-01T00:00:09Z') }))).toEqual({
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-01T00:00:09.000Z',
    });
  });

  it('knows which states still need a lookup', () => {
    expect(needsWork(orderRow({ state: 'SUBMITTING' }))).toBe(true);
    expect(needsWork(orderRow({ state: 'UNKNOWN' }))).toBe(true);
    expect(needsWork(orderRow({ state: 'NOT_PLACED' }))).toBe(false); // terminal: never sent again
    expect(needsWork(orderRow({ state: 'NEW' }))).toBe(false);
  });
});
