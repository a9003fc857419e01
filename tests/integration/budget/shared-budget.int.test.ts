/**
 * The shared request-weight budget against the simulator over real HTTP and real NATS (issue 12).
 * Each "instance" is an adapter on its own host name (127.0.0.1 / .2 / .3 all reach the simulator),
 * so the in-process header tap of one never sees another's answers: only the bus joins them, as it
 * joins processes. The simulator and the adapters share one controllable clock that starts a second
 * into a minute, so no weight window rolls over during a test.
 */
import { randomBytes } from 'node:crypto';
import {
  createBinanceSpotAdapter,
  type BinanceSpotAdapter,
  type PlaceOrderRequest,
  type VenueConfigInput,
} from '@livegate/binance';
import { connectBus, createBudgetShare, type Bus } from '@livegate/bus';
import { startExchangeSim, type SimHandle } from '@livegate/exchange-sim';
import { createLogger } from '@livegate/runtime';
import { afterEach, describe, expect, it } from 'vitest';

const logger = createLogger({ service: 'budget-test', level: 'silent' });
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

interface Stack {
  readonly sim: SimHandle;
  readonly clock: { offset: number; now(): number };
  readonly apiKey: string;
  instance(
    host: string,
    patch?: Partial<VenueConfigInput>,
  ): Promise<{ adapter: BinanceSpotAdapter; bus: Bus }>;
  usedWeight(): Promise<number>;
  stop(): Promise<void>;
}

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

async function startStack(limits: { requestWeightPerMinute: number }): Promise<Stack> {
  const start = Math.floor(Date.now() / 60_000) * 60_000 + 60_000 + 1_000;
  const realStart = Date.now();
  const clock = { offset: 0, now: () => start + (Date.now() - realStart) + clock.offset };
  const sim = await startExchangeSim({ host: '0.0.0.0', clock: () => clock.now(), limits });
  const { apiKey, apiSecret } = await sim.admin.createAccount({
    balances: { USDT: '1000000', BTC: '10' },
  });
  const port = new URL(sim.url).port;
  const namespace = `budget${randomBytes(4).toString('hex')}`;
  const opened: Array<{ adapter: BinanceSpotAdapter; bus: Bus }> = [];
  return {
    sim,
    clock,
    apiKey,
    async instance(host, patch = {}) {
      const bus = await connectBus({ url: natsUrl, name: `budget-${host}`, logger, namespace });
      const adapter = createBinanceSpotAdapter({
        config: {
          name: 'paper',
          baseUrl: `http://${host}:${port}`,
          apiKey,
          apiSecret,
          timeoutMs: 5_000,
          marketPriceSource: 'tickerPrice',
          weightPerMinute: limits.requestWeightPerMinute,
          ...patch,
        },
        logger,
        now: clock.now,
        budgetShare: createBudgetShare(bus, 'paper', logger),
      });
      // The subscription is live once the server has it: a round trip makes sure.
      await bus.nc.flush();
      opened.push({ adapter, bus });
      return { adapter, bus };
    },
    async usedWeight() {
      const res = await fetch(`${sim.url}/api/v3/ping`);
      return Number(res.headers.get('x-mbx-used-weight-1m'));
    },
    async stop() {
      for (const { adapter, bus } of opened) {
        adapter.close();
        await bus.close();
      }
      await sim.stop();
    },
  };
}

async function until(what: string, check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((r) => setImmediate(r));
  }
}

const order = (i: number, host: string, price = '1000.00'): PlaceOrderRequest => ({
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  timeInForce: 'GTC',
  quantity: '0.001',
  price,
  clientOrderId: `lg-budget-${host.replaceAll('.', '')}-${i}`,
});

describe('shared request-weight budget', () => {
  it("learns the venue's count from headers: weight another client spent holds our reads back", async () => {
    stack = await startStack({ requestWeightPerMinute: 100 });
    const { adapter } = await stack.instance('127.0.0.1', { budgetClass: 'reads' });
    // Another client of the same IP spends 40 weight we never saw.
    for (let i = 0; i < 2; i += 1) await fetch(`${stack.sim.url}/api/v3/exchangeInfo`);
    expect((await adapter.syncTime()).kind).toBe('ok');
    expect(adapter.budget().usedWeight).toBeGreaterThanOrEqual(41);

    // 41 + 20 > 50 (the reads' half of 100): held back here, never sent.
    const held = await adapter.exchangeInfo({ refresh: true });
    expect(held).toMatchObject({ kind: 'rate-limited', banned: false });
    expect(held.kind === 'rate-limited' && held.message).toMatch(/nothing was sent/);
    const infos = (await stack.sim.admin.requests()).filter(
      (r) => r.path === '/api/v3/exchangeInfo',
    );
    expect(infos).toHaveLength(2);
  });

  it('a 429 with Retry-After stops every client of the key, in every instance, until it passes', async () => {
    stack = await startStack({ requestWeightPerMinute: 6_000 });
    const a = await stack.instance('127.0.0.1');
    const b = await stack.instance('127.0.0.2', { budgetClass: 'reads' });
    await stack.sim.admin.injectFault({
      kind: 'rate-limit',
      path: '/api/v3/openOrders',
      delayMs: 3_000,
    });
    const limited = await b.adapter.openOrders('BTCUSDT');
    expect(limited).toMatchObject({ kind: 'rate-limited', code: -1003 });
    await until('the stop to reach the other instance', () => a.adapter.budget().stoppedUntil > 0);

    const before = (await stack.sim.admin.requests({ apiKey: stack.apiKey })).length;
    expect(await a.adapter.account()).toMatchObject({ kind: 'rate-limited', banned: false });
    expect(await a.adapter.sendOrder(order(0, 'a'))).toMatchObject({ kind: 'rate-limited' });
    expect(await b.adapter.openOrders('BTCUSDT')).toMatchObject({ kind: 'rate-limited' });
    expect(await stack.sim.admin.requests({ apiKey: stack.apiKey })).toHaveLength(before);

    stack.clock.offset += 3_000;
    expect((await a.adapter.account()).kind).toBe('ok');
    expect((await b.adapter.openOrders('BTCUSDT')).kind).toBe('ok');
  });

  it('two execution instances and the reconciler under a low limit: orders go first, never a 429 or 418', async () => {
    const limit = 200;
    stack = await startStack({ requestWeightPerMinute: limit });
    const e1 = await stack.instance('127.0.0.1');
    const e2 = await stack.instance('127.0.0.2');
    const reconciler = await stack.instance('127.0.0.3', { budgetClass: 'reads' });
    await e1.adapter.syncTime();
    await e2.adapter.syncTime();

    // The reconciler reads until its share is used up (weight 6 each).
    const reads: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const r = await reconciler.adapter.openOrders('BTCUSDT');
      reads.push(r.kind === 'rate-limited' ? `held ${String(r.code)}` : r.kind);
      if (r.kind !== 'ok') break;
    }
    expect(reads.at(-1)).toBe('held undefined');
    expect(await stack.usedWeight()).toBeLessThanOrEqual(limit / 2 + 1);

    // Both execution instances send at once, each until the budget holds it back.
    const last = Number((await stack.sim.admin.prices()).BTCUSDT);
    const price = (Math.floor(last * 0.95 * 100) / 100).toFixed(2);
    const sendAll = async (e: { adapter: BinanceSpotAdapter }, host: string) => {
      const kinds: string[] = [];
      for (let i = 0; i < 200; i += 1) {
        const r = await e.adapter.sendOrder(order(i, host, price));
        kinds.push(r.kind === 'rate-limited' && r.code !== undefined ? `429 ${r.code}` : r.kind);
        if (r.kind !== 'placed') break;
      }
      return kinds;
    };
    const [k1, k2] = await Promise.all([sendAll(e1, 'e1'), sendAll(e2, 'e2')]);
    const all = [...k1, ...k2];
    const placed = all.filter((k) => k === 'placed').length;
    // Orders used what the reads left them: far more than the reads could have had.
    expect(placed).toBeGreaterThan(limit * 0.3);
    expect(all.filter((k) => k.startsWith('429'))).toEqual([]);
    expect(k1.at(-1)).toBe('rate-limited');
    expect(k2.at(-1)).toBe('rate-limited');
    expect(await stack.usedWeight()).toBeLessThanOrEqual(limit);
    // While orders were going the reads stayed held back, and still are.
    expect(await reconciler.adapter.openOrders('BTCUSDT')).toMatchObject({
      kind: 'rate-limited',
    });
  });
});
