import { describe, expect, it } from 'vitest';
import { apiError, limitOrder, marketOrder, never, setup, wire } from './adapter.test-support.js';
import { accountBody, placedBody } from './fixtures.test-support.js';
import type { PlaceOrderRequest } from './order-request.js';

describe('placeOrder', () => {
  it('checks against cached exchangeInfo and the account, measures the clock, then sends once', async () => {
    const s = setup();
    const outcome = await s.adapter.placeOrder(limitOrder);
    expect(outcome).toEqual({
      kind: 'placed',
      order: {
        symbol: 'BTCUSDT',
        orderId: '12345678901234567',
        clientOrderId: 'lg-abc',
        price: '60000.00000000',
        origQty: '0.00100000',
        executedQty: '0.00000000',
        cummulativeQuoteQty: '0.00000000',
        status: 'NEW',
        timeInForce: 'GTC',
        type: 'LIMIT',
        side: 'BUY',
        updatedAt: 1_700_000_000_100,
        fills: [],
      },
    });
    expect(Object.getPrototypeOf(outcome.kind === 'placed' && outcome.order)).toBe(
      Object.prototype,
    );
    expect(s.methods()).toEqual(['exchangeInfo', 'time', 'accountInfo', 'order']);
    expect(s.calls.at(-1)?.payload).toEqual({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      newClientOrderId: 'lg-abc',
      newOrderRespType: 'FULL',
      recvWindow: 5000,
      quantity: '0.001',
      price: '60000.00',
      timeInForce: 'GTC',
    });
    expect(s.adapter.timeOffsetMs()).toBe(500);

    await s.adapter.placeOrder({ ...limitOrder, clientOrderId: 'lg-2' });
    expect(s.methods().slice(4)).toEqual(['order']); // exchangeInfo, clock and balances (balanceTtlMs) cached
    s.advance(1_000);
    await s.adapter.placeOrder({ ...limitOrder, clientOrderId: 'lg-3' });
    expect(s.methods().slice(5)).toEqual(['accountInfo', 'order']); // the balance snapshot is older than balanceTtlMs
  });

  it('refuses a malformed order and an unlisted symbol without a request for the order', async () => {
    const s = setup();
    expect(await s.adapter.placeOrder({ ...limitOrder, price: undefined })).toEqual({
      kind: 'rejected',
      source: 'local',
      code: 'INVALID_INTENT',
      message: 'INVALID_INTENT: price: required for a LIMIT order',
    });
    expect(await s.adapter.placeOrder(null as unknown as PlaceOrderRequest)).toMatchObject({
      code: 'INVALID_INTENT',
      message: expect.stringContaining('(root)'),
    });
    expect(await s.adapter.placeOrder({ ...limitOrder, symbol: 'DOGEUSDT' })).toMatchObject({
      code: 'INVALID_INTENT',
      message: 'INVALID_INTENT: symbol DOGEUSDT is not listed on this venue',
    });
    expect(await s.adapter.placeOrder({ ...limitOrder, price: '60000.001' })).toMatchObject({
      code: 'PRICE_FILTER',
    });
    expect(s.methods()).toEqual(['exchangeInfo']);
    expect(s.lines.join('\n')).toContain('"msg":"order not sent"');
  });

  it('values a MARKET order at avgPrice by default, or the ticker price when configured', async () => {
    const avg = setup();
    expect(await avg.adapter.placeOrder({ ...marketOrder, quantity: '0.00008' })).toMatchObject({
      code: 'NOTIONAL',
      message: 'NOTIONAL: notional 4.8 at reference price 60000.00000000 is below 5',
    });
    expect(avg.calls.find((c) => c.method === 'avgPrice')?.payload).toEqual({ symbol: 'BTCUSDT' });

    const ticker = setup({}, { marketPriceSource: 'tickerPrice' });
    expect(await ticker.adapter.placeOrder(marketOrder)).toMatchObject({ kind: 'placed' });
    expect(ticker.calls.find((c) => c.method === 'prices')?.payload).toEqual({ symbol: 'BTCUSDT' });
  });

  it("checkOrder hands out the symbol's assets and, when asked, the reference price of any order", async () => {
    const s = setup();
    expect(await s.adapter.checkOrder(limitOrder)).toEqual({
      kind: 'ready',
      order: expect.objectContaining({ clientOrderId: 'lg-abc' }),
      baseAsset: 'BTC',
      quoteAsset: 'USDT',
      baseSymbols: ['BTCUSDT'],
    });
    expect(s.methods()).not.toContain('avgPrice');
    expect(await s.adapter.checkOrder(limitOrder, { referencePrice: true })).toMatchObject({
      kind: 'ready',
      referencePrice: '60000.00000000',
    });
    expect(s.methods().filter((m) => m === 'avgPrice')).toHaveLength(1);
    expect(
      await s.adapter.checkOrder({ ...marketOrder, quantity: '0.001' }, { referencePrice: true }),
    ).toMatchObject({ kind: 'ready', referencePrice: '60000.00000000' });
    expect(s.methods().filter((m) => m === 'avgPrice')).toHaveLength(2);
  });

  it('checkOrder answers rate-limited, unfenced and unsent, while the order budget for 10 s is used', async () => {
    // One order per 10 s, all of it ours: the first placement uses the window up.
    const s = setup({}, { ordersPer10s: 1, orderShare: 1 });
    expect(await s.adapter.placeOrder(limitOrder)).toMatchObject({ kind: 'placed' });
    expect(s.adapter.budget().orderCount10s).toBe(1);
    const before = s.methods().length;

    expect(await s.adapter.checkOrder({ ...limitOrder, clientOrderId: 'lg-next' })).toEqual({
      kind: 'rate-limited',
      retryAfterMs: 10_000,
      banned: false,
      message: 'order count budget used (1 of 1 per 10 s); nothing was sent',
    });
    // Prerequisites came from the caches; no order request went out and nothing was taken.
    expect(s.methods().slice(before)).not.toContain('order');
    expect(s.methods().filter((m) => m === 'order')).toHaveLength(1);
    expect(s.adapter.budget().orderCount10s).toBe(1);

    // The next window takes it again.
    s.advance(10_000);
    expect(await s.adapter.checkOrder({ ...limitOrder, clientOrderId: 'lg-next' })).toMatchObject({
      kind: 'ready',
      order: expect.objectContaining({ clientOrderId: 'lg-next' }),
    });
    expect(s.methods().filter((m) => m === 'order')).toHaveLength(1);
  });

  it('a prerequisite that cannot be fetched means nothing is sent', async () => {
    const timedOut = setup({ exchangeInfo: never });
    expect(await timedOut.adapter.placeOrder(limitOrder)).toEqual({
      kind: 'unavailable',
      cause: 'timeout',
      message: 'exchangeInfo could not be fetched, nothing was sent: no answer within 50 ms',
    });

    const refusedInfo = setup({
      exchangeInfo: () => Promise.reject(apiError(-1121, 'Invalid symbol.')),
    });
    expect(await refusedInfo.adapter.placeOrder(limitOrder)).toMatchObject({
      kind: 'unavailable',
      cause: 'unrecognised',
    });

    const noPrice = setup({ avgPrice: () => wire({ mins: 5 }) });
    expect(await noPrice.adapter.placeOrder(marketOrder)).toMatchObject({
      kind: 'unavailable',
      cause: 'invalid-response',
    });

    const tickerMissing = setup(
      { prices: () => wire({ ETHUSDT: '1' }) },
      { marketPriceSource: 'tickerPrice' },
    );
    expect(await tickerMissing.adapter.placeOrder(marketOrder)).toMatchObject({
      kind: 'unavailable',
      cause: 'invalid-response',
    });

    const limited = setup({
      accountInfo: () => Promise.reject(apiError(-1003, 'Too many requests queued.')),
    });
    expect(await limited.adapter.placeOrder(limitOrder)).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 10_000,
    });

    for (const s of [timedOut, refusedInfo, noPrice, tickerMissing, limited])
      expect(s.methods()).not.toContain('order');
  });

  it('re-reads a cached balance before refusing for it', async () => {
    const poor = {
      ...accountBody,
      balances: [{ asset: 'USDT', free: '1.00000000', locked: '0.00000000' }],
    };
    const s = setup(
      { accountInfo: [() => wire(poor), () => wire(accountBody)] },
      { balanceTtlMs: 60_000 },
    );
    expect((await s.adapter.account()).kind).toBe('ok');
    s.advance(1);
    expect(await s.adapter.placeOrder(limitOrder)).toMatchObject({ kind: 'placed' });
    expect(s.methods().filter((m) => m === 'accountInfo')).toHaveLength(2);
  });

  it('refuses when the re-read still shows too little, and sends nothing when the re-read fails', async () => {
    const poor = { ...accountBody, takerCommission: 0, balances: [] };
    const still = setup({ accountInfo: () => wire(poor) }, { balanceTtlMs: 60_000 });
    await still.adapter.account();
    still.advance(1);
    expect(await still.adapter.placeOrder(limitOrder)).toMatchObject({
      code: 'INSUFFICIENT_BALANCE',
      message: 'INSUFFICIENT_BALANCE: needs 60 USDT (cost plus commission at 0), free is 0',
    });

    const failing = setup(
      {
        accountInfo: [
          () => wire(poor),
          () => Promise.reject(apiError(-1022, 'Signature for this request is not valid.')),
        ],
      },
      { balanceTtlMs: 60_000 },
    );
    await failing.adapter.account();
    failing.advance(1);
    expect(await failing.adapter.placeOrder(limitOrder)).toMatchObject({
      kind: 'config-fault',
      code: -1022,
    });
    expect(failing.methods()).not.toContain('order');
  });

  it('a venue filter failure (-1013) makes the next placement fetch exchangeInfo afresh', async () => {
    const s = setup({
      order: [
        () => Promise.reject(apiError(-1013, 'Filter failure: LOT_SIZE')),
        () => wire(placedBody),
      ],
    });
    expect(await s.adapter.placeOrder(limitOrder)).toEqual({
      kind: 'rejected',
      source: 'venue',
      code: -1013,
      message: 'Filter failure: LOT_SIZE',
    });
    expect(await s.adapter.placeOrder(limitOrder)).toMatchObject({ kind: 'placed' });
    expect(s.methods().filter((m) => m === 'exchangeInfo')).toHaveLength(2);
  });

  it('returns the venue outcome of the send: duplicate, unknown on an unparseable answer', async () => {
    const dup = setup({ order: () => Promise.reject(apiError(-2010, 'Duplicate order sent.')) });
    expect(await dup.adapter.placeOrder(limitOrder)).toEqual({
      kind: 'duplicate',
      message: 'Duplicate order sent.',
    });

    const ack = setup({
      order: () =>
        wire({ symbol: 'BTCUSDT', orderId: 1, clientOrderId: 'lg-abc', transactTime: 1 }),
    });
    expect(await ack.adapter.placeOrder(limitOrder)).toMatchObject({
      kind: 'unknown',
      cause: 'invalid-response',
      message: expect.stringMatching(/^unexpected answer: price: /),
    });
  });
});
