import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientFor, rejectionOf, simWithClient, type LooseClient } from '../test/int-sim.js';
import type { SimCredentials, SimHandle } from './index.js';

const clock = { offset: 0 };
let sim: SimHandle;
let client: LooseClient;
let creds: SimCredentials;
beforeEach(async () => {
  clock.offset = 0;
  ({ sim, client, creds } = await simWithClient({ clock: () => Date.now() + clock.offset }));
});
afterEach(() => sim.stop());

const limit = (side: string, price: string, type = 'LIMIT') => ({
  symbol: 'BTCUSDT',
  side,
  type,
  price,
  quantity: '0.001',
  ...(type === 'LIMIT' ? { timeInForce: 'GTC' } : {}),
  newOrderRespType: 'RESULT',
});
const BAND = { code: -1013, message: 'Filter failure: PERCENT_PRICE_BY_SIDE' };
const refusal = async (call: Promise<unknown>) => {
  const err = await rejectionOf(call);
  return { code: err.code, message: err.message };
};

describe('PERCENT_PRICE_BY_SIDE', () => {
  it('refuses a limit price outside 0.2×–5× the average price, by side, bounds included', async () => {
    // average 60000: BUY and SELL both within [12000, 300000]
    expect(await refusal(client.order(limit('BUY', '1000.00')))).toEqual(BAND);
    expect(await refusal(client.order(limit('BUY', '11999.99')))).toEqual(BAND);
    expect((await client.order(limit('BUY', '12000.00'))).status).toBe('NEW');
    expect(await refusal(client.order(limit('SELL', '300000.01')))).toEqual(BAND);
    expect(await refusal(client.order(limit('SELL', '11999.99', 'LIMIT_MAKER')))).toEqual(BAND);
    expect((await client.order(limit('SELL', '300000.00', 'LIMIT_MAKER'))).status).toBe('NEW');
    expect(await refusal(client.orderTest(limit('BUY', '300000.01')))).toEqual(BAND);
    // MARKET orders have no price: no band
    expect(
      (await client.order({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.001' }))
        .status,
    ).toBe('FILLED');
  });

  it('judges against the average price, not the last one: a sudden crash is not followed at once', async () => {
    // the price has been 60000 for five minutes (a reset dated back starts the history then)
    clock.offset = -5 * 60_000;
    await sim.admin.reset();
    creds = await sim.admin.createAccount({ balances: { USDT: '100000' } });
    client = clientFor(sim, creds);
    clock.offset = 0;
    await sim.admin.setPrice({ symbol: 'BTCUSDT', price: '10000' });
    // the average still is 60000: a BUY at the new last price is outside the band
    expect(await refusal(client.order(limit('BUY', '10000.00')))).toEqual(BAND);
    clock.offset = 5 * 60_000;
    // five minutes later the average has caught up (the client signs on the simulator's clock)
    const later = clientFor(sim, creds, () => Date.now() + clock.offset);
    expect(await later.avgPrice({ symbol: 'BTCUSDT' })).toMatchObject({ price: '10000.00000000' });
    expect((await later.order(limit('BUY', '10000.00'))).status).toBe('FILLED');
  });
});
