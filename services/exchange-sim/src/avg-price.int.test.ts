import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejectionOf, simWithClient, type LooseClient } from '../test/int-sim.js';
import type { SimHandle } from './index.js';

const clock = { offset: 0 };
let sim: SimHandle;
let client: LooseClient;
beforeEach(async () => {
  clock.offset = 0;
  const started = await simWithClient({ clock: () => Date.now() + clock.offset });
  sim = started.sim;
  client = started.client;
});
afterEach(() => sim.stop());

describe('GET /api/v3/avgPrice', () => {
  it('answers {mins, price, closeTime} through binance-api-node, with weight 2', async () => {
    const avg = await client.avgPrice({ symbol: 'BTCUSDT' });
    expect({ ...avg }).toEqual({ mins: 5, price: '60000.00000000', closeTime: expect.any(Number) });
    const res = await fetch(`${sim.url}/api/v3/avgPrice?symbol=ETHBTC`);
    const before = Number(res.headers.get('x-mbx-used-weight-1m'));
    const again = await fetch(`${sim.url}/api/v3/avgPrice?symbol=ETHBTC`);
    expect(Number(again.headers.get('x-mbx-used-weight-1m'))).toBe(before + 2);
    expect(await again.json()).toMatchObject({ mins: 5, price: '0.05000000' });
  });

  it('is the time-weighted last price over 5 minutes: an admin move shows in proportion', async () => {
    clock.offset = -4 * 60_000;
    await sim.admin.reset();
    clock.offset = -60_000;
    const set = await sim.admin.setPrice({ symbol: 'BTCUSDT', price: '61000' });
    expect(set.price).toBe('61000');
    clock.offset = 0;
    // about 3 minutes at 60000 (less the seconds the test took), then 1 minute at 61000
    const { price, closeTime } = await client.avgPrice({ symbol: 'BTCUSDT' });
    expect(Number(price)).toBeGreaterThan(60240);
    expect(Number(price)).toBeLessThan(60260);
    expect(closeTime).toBeLessThan(Date.now() - 59_000);
    clock.offset = 5 * 60_000;
    expect((await client.avgPrice({ symbol: 'BTCUSDT' })).price).toBe('61000.00000000');
  });

  it('refuses a missing or unknown symbol', async () => {
    const missing = await fetch(`${sim.url}/api/v3/avgPrice`);
    expect(await missing.json()).toEqual({
      code: -1102,
      msg: "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.",
    });
    expect((await rejectionOf(client.avgPrice({ symbol: 'NOPE' }))).code).toBe(-1121);
  });
});
