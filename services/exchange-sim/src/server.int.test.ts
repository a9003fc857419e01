import { describe, expect, it } from 'vitest';
import { DEFAULT_SYMBOLS, startExchangeSim } from './index.js';

describe('startExchangeSim', () => {
  it('listens on a free port with a random admin token by default and stops cleanly', async () => {
    const sim = await startExchangeSim();
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.adminToken).toMatch(/^[0-9a-f]{48}$/);
    expect((await fetch(`${sim.url}/api/v3/ping`)).status).toBe(200);
    await sim.stop();
    await expect(fetch(`${sim.url}/api/v3/ping`)).rejects.toThrow();
  });

  it('fails to start on a port already taken', async () => {
    const first = await startExchangeSim();
    const port = Number(new URL(first.url).port);
    await expect(startExchangeSim({ port })).rejects.toThrow(/EADDRINUSE/);
    await first.stop();
  });

  it('runs the seeded random walk on the tick grid when asked', async () => {
    const sim = await startExchangeSim({ seed: 9, randomWalk: { intervalMs: 10 } });
    const start = await sim.admin.prices();
    await expect
      .poll(async () => (await sim.admin.prices()).BTCUSDT, { timeout: 3000 })
      .not.toBe(start.BTCUSDT);
    const moved = await sim.admin.prices();
    await sim.stop();
    for (const spec of DEFAULT_SYMBOLS) {
      const decimals = moved[spec.symbol]?.split('.')[1]?.length ?? 0;
      expect(decimals).toBeLessThanOrEqual(
        spec.priceFilter.tickSize.replace(/0+$/, '').split('.')[1]?.length ?? 0,
      );
    }
  });

  it('serves on an IPv6 host in brackets', async () => {
    const sim = await startExchangeSim({ host: '::1' }).catch(() => undefined);
    if (sim === undefined) return; // no IPv6 loopback on this machine
    expect(sim.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    expect((await fetch(`${sim.url}/api/v3/ping`)).status).toBe(200);
    await sim.stop();
  });
});
