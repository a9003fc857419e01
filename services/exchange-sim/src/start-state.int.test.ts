import { afterEach, describe, expect, it } from 'vitest';
import { clientFor } from '../test/int-sim.js';
import { startExchangeSim, type SimHandle } from './index.js';

const PAPER = {
  apiKey: 'lgdevpaper',
  apiSecret: 'lg-dev-paper-secret',
  balances: { USDT: '100000', BTC: '1' },
};
const LIVE = { apiKey: 'lgdevlive', apiSecret: 'lg-dev-live-secret', balances: { USDT: '5000' } };

let sim: SimHandle | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

describe('start accounts and prices', () => {
  it('a client with a start account’s keys trades at once, at the start price', async () => {
    sim = await startExchangeSim({ accounts: [PAPER, LIVE], prices: { BTCUSDT: '50000.00' } });
    expect(await sim.admin.prices()).toMatchObject({ BTCUSDT: '50000', ETHUSDT: '3000' });
    const client = clientFor(sim, PAPER);
    const info = await client.accountInfo();
    expect(info.balances).toEqual(
      expect.arrayContaining([{ asset: 'USDT', free: '100000.00000000', locked: '0.00000000' }]),
    );
    const order = await client.order({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.01',
      newOrderRespType: 'FULL',
    });
    expect(order).toMatchObject({ status: 'FILLED', cummulativeQuoteQty: '500.00000000' });
    expect((await sim.admin.account(LIVE.apiKey)).balances.USDT).toEqual({
      free: '5000.00000000',
      locked: '0.00000000',
    });
  });

  it('reset returns to the start accounts (start balances) and start prices; other accounts go', async () => {
    sim = await startExchangeSim({ accounts: [PAPER], prices: { ETHUSDT: '2500' } });
    const other = await sim.admin.createAccount({ balances: { USDT: '1' } });
    await clientFor(sim, PAPER).order({
      symbol: 'ETHUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '1',
    });
    await sim.admin.setPrice({ symbol: 'ETHUSDT', price: '2600' });
    await sim.admin.reset();
    expect((await sim.admin.prices()).ETHUSDT).toBe('2500');
    expect((await sim.admin.account(PAPER.apiKey)).balances).toEqual({
      USDT: { free: '100000.00000000', locked: '0.00000000' },
      BTC: { free: '1.00000000', locked: '0.00000000' },
    });
    await expect(sim.admin.account(other.apiKey)).rejects.toMatchObject({ status: 404 });
  });

  it('refuses to start with a price for an unlisted symbol', async () => {
    await expect(startExchangeSim({ prices: { DOGEUSDT: '0.1' } })).rejects.toThrow(
      /prices\.DOGEUSDT: not a listed symbol/,
    );
  });
});
