import { describe, expect, it } from 'vitest';
import { row, T0, venueOrder } from '../test/fixtures.js';
import {
  isUnresolved,
  leaseIsLive,
  planFromNotFound,
  planFromOrder,
  isUnsent,
  planLeased,
  NOT_PLACED_MESSAGE,
} from './row-plan.js';

const RULES = { clockMarginMs: 1_000, notPlacedConfirmMs: 0 };
const RELEASED = { lease_holder: null, lease_expires_at: null };

describe('row-plan - leases and states', () => {
  it('tells unresolved placements from resting orders', () => {
    expect(isUnresolved(row({ state: 'SUBMITTING' }))).toBe(true);
    expect(isUnresolved(row({ state: 'UNKNOWN' }))).toBe(true);
    expect(isUnresolved(row({ state: 'NEW' }))).toBe(false);
  });

  it('sees a lease as live only until it expires', () => {
    expect(leaseIsLive(row(), T0)).toBe(false);
    const held = row({ lease_holder: 'exec-1', lease_expires_at: new Date(T0 + 1000) });
    expect(leaseIsLive(held, T0 + 999)).toBe(true);
    expect(leaseIsLive(held, T0 + 1000)).toBe(false);
  });

  it('knows a SUBMITTING row never fenced cannot be on the venue', () => {
    expect(isUnsent(row({ state: 'SUBMITTING', last_sent_at: null }))).toBe(true);
    expect(isUnsent(row({ state: 'SUBMITTING' }))).toBe(false);
    expect(isUnsent(row({ state: 'UNKNOWN', last_sent_at: null }))).toBe(false);
  });

  it('leaves a leased row alone, counting it open only while its placement is unresolved', () => {
    expect(planLeased(row({ state: 'SUBMITTING' }))).toEqual({ unresolved: true });
    expect(planLeased(row({ state: 'NEW' }))).toEqual({ unresolved: false });
  });
});

describe('row-plan - the venue shows the order', () => {
  it('changes nothing when the row already says what the venue says', () => {
    expect(planFromOrder(row(), venueOrder(), false)).toEqual({ unresolved: false });
    const partial = row({
      state: 'PARTIALLY_FILLED',
      executed_qty: '0.00100000',
      cummulative_quote_qty: '50.00000000',
      last_exchange_status: 'PARTIALLY_FILLED',
    });
    const seen = venueOrder({
      status: 'PARTIALLY_FILLED',
      executedQty: '0.001',
      cummulativeQuoteQty: '50',
    });
    expect(planFromOrder(partial, seen, false)).toEqual({ unresolved: false });
  });

  it('ignores a quote amount the venue reports as unavailable (negative)', () => {
    expect(
      planFromOrder(
        row({ cummulative_quote_qty: '3' }),
        venueOrder({ cummulativeQuoteQty: '-1' }),
        false,
      ),
    ).toEqual({ unresolved: false });
  });

  it('takes status, amounts and id from the venue, and frees an expired lease', () => {
    const plan = planFromOrder(
      row({ lease_holder: 'exec-1', lease_expires_at: new Date(T0 - 1) }),
      venueOrder({ status: 'PARTIALLY_FILLED', executedQty: '0.001', cummulativeQuoteQty: '50' }),
      true,
    );
    expect(plan).toEqual({
      patch: {
        state: 'PARTIALLY_FILLED',
        exchange_order_id: '7',
        executed_qty: '0.001',
        cummulative_quote_qty: '50',
        avg_price: '50000',
        last_exchange_status: 'PARTIALLY_FILLED',
        not_found_count: 0,
        ...RELEASED,
      },
      event: { type: 'order.updated' },
      unresolved: false,
    });
  });

  it('notices a change of id, of exchange status, of quote amount, or missing fills alone', () => {
    expect(planFromOrder(row(), venueOrder({ orderId: '8' }), false).event).toEqual({
      type: 'order.updated',
    });
    expect(planFromOrder(row(), venueOrder({ status: 'PENDING_NEW' }), false).patch).toMatchObject({
      state: 'NEW',
      last_exchange_status: 'PENDING_NEW',
    });
    expect(
      planFromOrder(row(), venueOrder({ cummulativeQuoteQty: '1' }), false).patch,
    ).toMatchObject({ cummulative_quote_qty: '1' });
    expect(planFromOrder(row(), venueOrder(), true).event).toEqual({ type: 'order.updated' });
  });

  it('publishes order.canceled for a cancel and order.rejected for a venue rejection', () => {
    expect(planFromOrder(row(), venueOrder({ status: 'CANCELED' }), false).event).toEqual({
      type: 'order.canceled',
    });
    const rejected = planFromOrder(row(), venueOrder({ status: 'REJECTED' }), false);
    expect(rejected.event).toEqual({
      type: 'order.rejected',
      code: 'EXCHANGE_REJECTED',
      message: 'The exchange reports the order as REJECTED.',
    });
    expect(rejected.patch).toMatchObject({ state: 'REJECTED', reject_code: 'EXCHANGE_REJECTED' });
  });

  it('adopts an unresolved placement: order.submitted when no exchange id was known yet', () => {
    const unknown = row({ state: 'UNKNOWN', exchange_order_id: null, last_exchange_status: null });
    const plan = planFromOrder(
      unknown,
      venueOrder({ status: 'FILLED', executedQty: '0.002' }),
      true,
    );
    expect(plan.event).toEqual({ type: 'order.submitted' });
    expect(plan.patch).toMatchObject({
      state: 'FILLED',
      exchange_order_id: '7',
      not_found_count: 0,
    });
    const known = row({ state: 'UNKNOWN', exchange_order_id: '7' });
    expect(planFromOrder(known, venueOrder(), false).event).toEqual({ type: 'order.updated' });
  });

  it('keeps PENDING_CANCEL while the venue still shows the order open, and ends it when terminal', () => {
    const pending = row({ state: 'PENDING_CANCEL' });
    expect(planFromOrder(pending, venueOrder(), false)).toEqual({ unresolved: false });
    expect(
      planFromOrder(pending, venueOrder({ status: 'PARTIALLY_FILLED', executedQty: '0.001' }), true)
        .patch,
    ).toMatchObject({ state: 'PENDING_CANCEL', executed_qty: '0.001' });
    expect(planFromOrder(pending, venueOrder({ status: 'CANCELED' }), false).patch).toMatchObject({
      state: 'CANCELED',
    });
  });
});

describe('row-plan - the venue does not find the order', () => {
  const afterWindow = T0 + 5_000 + 1_000;

  it('concludes nothing for an order the row says rests on the venue, or an archived one', () => {
    const plan = planFromNotFound(row(), { code: -2013 }, afterWindow, RULES);
    expect(plan.unresolved).toBe(true);
    expect(plan.patch).toBeUndefined();
    expect(plan.error?.code).toBe('ORDER_NOT_FOUND');
    expect(plan.error?.message).toContain('NEW here; code -2013');
    expect(
      planFromNotFound(row({ state: 'UNKNOWN' }), { code: -2026 }, afterWindow, RULES).error?.code,
    ).toBe('ORDER_NOT_FOUND');
  });

  it('turns SUBMITTING into UNKNOWN inside the window, counting nothing', () => {
    const plan = planFromNotFound(row({ state: 'SUBMITTING' }), { code: -2013 }, T0 + 100, RULES);
    expect(plan).toEqual({
      patch: { state: 'UNKNOWN', not_found_count: 0, ...RELEASED },
      event: {
        type: 'order.unknown',
        message:
          'The placement may have been sent before a restart; the venue does not show it yet, resolving by lookup.',
      },
      unresolved: true,
    });
  });

  it('writes nothing for an UNKNOWN row inside the window', () => {
    expect(planFromNotFound(row({ state: 'UNKNOWN' }), { code: -2013 }, T0 + 100, RULES)).toEqual({
      unresolved: true,
    });
  });

  it('counts a not-found after recvWindow + margin, and decides on the second', () => {
    const first = planFromNotFound(row({ state: 'UNKNOWN' }), { code: -2013 }, afterWindow, RULES);
    expect(first).toEqual({
      patch: { state: 'UNKNOWN', not_found_count: 1, ...RELEASED },
      unresolved: true,
    });
    const second = planFromNotFound(
      row({ state: 'UNKNOWN', not_found_count: 1 }),
      { code: -2013 },
      afterWindow,
      RULES,
    );
    expect(second.unresolved).toBe(false);
    expect(second.patch).toMatchObject({
      state: 'NOT_PLACED',
      reject_code: 'NOT_PLACED',
      not_found_count: 2,
    });
    expect(second.event).toMatchObject({ type: 'order.rejected', code: 'NOT_PLACED' });
  });

  it('keeps asking for the confirmation time after the window (read lag), then decides NOT_PLACED', () => {
    const lagging = { ...RULES, notPlacedConfirmMs: 10_000 };
    const counted = row({ state: 'UNKNOWN', not_found_count: 4 });
    expect(planFromNotFound(counted, { code: -2013 }, afterWindow + 9_999, lagging)).toEqual({
      patch: { state: 'UNKNOWN', not_found_count: 5, ...RELEASED },
      unresolved: true,
    });
    const plan = planFromNotFound(counted, { code: -2013 }, afterWindow + 10_000, lagging);
    expect(plan.patch).toMatchObject({ state: 'NOT_PLACED', reject_code: 'NOT_PLACED' });
    expect(plan.patch?.reject_message).toBe(NOT_PLACED_MESSAGE);
  });

  it('adds the send budget to the window: a request may be signed that long after the fence', () => {
    const budgeted = row({ state: 'UNKNOWN', not_found_count: 1, send_budget_ms: 1_000 });
    expect(planFromNotFound(budgeted, { code: -2013 }, afterWindow, RULES)).toEqual({
      patch: { state: 'UNKNOWN', not_found_count: 0, ...RELEASED },
      unresolved: true,
    });
  });

  it('decides on one not-found when no placement can be in flight', () => {
    const plan = planFromNotFound(
      row({ state: 'UNKNOWN', last_sent_at: null }),
      { code: -2013 },
      T0 + 1,
      RULES,
    );
    expect(plan.patch).toMatchObject({ state: 'NOT_PLACED', not_found_count: 1 });
  });

  it('keeps the count of a row whose lease expired: the fence bounds when its request could be signed', () => {
    const held = row({
      state: 'UNKNOWN',
      not_found_count: 1,
      lease_holder: 'exec-1',
      lease_expires_at: new Date(T0 + 2_000),
    });
    expect(planFromNotFound(held, { code: -2013 }, afterWindow, RULES).patch).toMatchObject({
      state: 'NOT_PLACED',
      not_found_count: 2,
      ...RELEASED,
    });
  });
});
