import { describe, expect, it } from 'vitest';
import { parseExecutionReport } from './execution-report.js';

/** An executionReport as the simulator (and Binance, user-data-stream.md) sends it. */
function report(patch: Record<string, unknown> = {}) {
  return {
    e: 'executionReport',
    E: 1_700_000_000_100,
    s: 'BTCUSDT',
    c: 'lg-abc',
    S: 'BUY',
    o: 'LIMIT',
    f: 'GTC',
    q: '0.00200000',
    p: '50000.00000000',
    P: '0.00000000',
    F: '0.00000000',
    g: -1,
    C: '',
    x: 'TRADE',
    X: 'PARTIALLY_FILLED',
    r: 'NONE',
    i: 42,
    l: '0.00100000',
    z: '0.00100000',
    L: '50000.00000000',
    n: '0.00000100',
    N: 'BTC',
    T: 1_700_000_000_090,
    t: 7,
    I: 99,
    w: true,
    m: true,
    M: false,
    O: 1_700_000_000_000,
    Z: '50.00000000',
    Y: '50.00000000',
    Q: '0.00000000',
    ...patch,
  };
}

describe('parseExecutionReport', () => {
  it('a trade: the order as the venue has it now, and the one trade', () => {
    const parsed = parseExecutionReport(report());
    expect(parsed).toEqual({
      ok: true,
      report: {
        eventTime: 1_700_000_000_100,
        executionType: 'TRADE',
        order: {
          symbol: 'BTCUSDT',
          orderId: '42',
          clientOrderId: 'lg-abc',
          price: '50000.00000000',
          origQty: '0.00200000',
          executedQty: '0.00100000',
          cummulativeQuoteQty: '50.00000000',
          status: 'PARTIALLY_FILLED',
          timeInForce: 'GTC',
          type: 'LIMIT',
          side: 'BUY',
          updatedAt: 1_700_000_000_090,
          fills: [],
        },
        trade: {
          symbol: 'BTCUSDT',
          id: '7',
          orderId: '42',
          price: '50000.00000000',
          qty: '0.00100000',
          quoteQty: '50.00000000',
          commission: '0.00000100',
          commissionAsset: 'BTC',
          time: 1_700_000_000_090,
          isBuyer: true,
          isMaker: true,
        },
      },
    });
  });

  it('a cancel: the order is named by C (c is the cancel request id); no trade', () => {
    const parsed = parseExecutionReport(
      report({
        x: 'CANCELED',
        X: 'CANCELED',
        c: 'cancel-1',
        C: 'lg-abc',
        t: -1,
        N: null,
        S: 'SELL',
      }),
    );
    expect(parsed.ok && parsed.report.order.clientOrderId).toBe('lg-abc');
    expect(parsed.ok && parsed.report.trade).toBeUndefined();
    expect(parsed.ok && parsed.report.order.side).toBe('SELL');
  });

  it('a null C (some venues) falls back to c', () => {
    const parsed = parseExecutionReport(report({ C: null, x: 'NEW', X: 'NEW', t: -1 }));
    expect(parsed.ok && parsed.report.order.clientOrderId).toBe('lg-abc');
  });

  it('a trade without a commission asset keeps an empty one', () => {
    const parsed = parseExecutionReport(report({ N: null }));
    expect(parsed.ok && parsed.report.trade?.commissionAsset).toBe('');
  });

  it('other user-data events are not reports', () => {
    expect(parseExecutionReport({ e: 'outboundAccountPosition', E: 1, B: [] })).toEqual({
      ok: false,
      reason: 'not-a-report',
    });
    expect(parseExecutionReport('nope')).toEqual({ ok: false, reason: 'not-a-report' });
  });

  it('a malformed report is refused with the field named', () => {
    const parsed = parseExecutionReport(report({ z: 1.5 }));
    expect(parsed).toMatchObject({ ok: false, reason: 'invalid' });
    expect(!parsed.ok && parsed.reason === 'invalid' && parsed.message).toContain('z');
  });
});
