import {
  moneyBalancesSchema,
  moneyExposureSchema,
  moneyPnlSchema,
  moneyPnlSeriesSchema,
} from '@livegate/contracts';
import { recordBalances } from '@livegate/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startGatewayFixture, type GatewayFixture } from '../../test/fixture.js';

describe('gateway - /api/money', () => {
  let f: GatewayFixture;
  let alice: string;
  let viewer: string;
  let alphaKey: string;
  let dayStart: Date;
  beforeAll(async () => {
    f = await startGatewayFixture();
    await f.addOperator('alice', 'operator');
    await f.addOperator('victor', 'viewer');
    alice = await f.login('alice');
    viewer = await f.login('victor');
    alphaKey = await f.apiKey('alpha');
    const { rows } = await sql<{ day: Date }>`
      select date_trunc('day', now() at time zone 'utc') at time zone 'utc' as day`.execute(f.t.db);
    dayStart = (rows[0] as { day: Date }).day;
    const order = (
      id: string,
      o: {
        source: string;
        mode?: string;
        side: string;
        state: string;
        qty?: string;
        done?: string;
      },
    ) =>
      sql`
      insert into execution.orders (intent_id, fingerprint, client_order_id, mode, venue, source, symbol,
        side, type, quantity, executed_qty, price, time_in_force, intent_created_at, state)
      values (${id}, ${'a'.repeat(64)}, ${`c-${id}`}, ${o.mode ?? 'paper'}, ${o.mode ?? 'paper'},
        ${o.source}, 'BTCUSDT', ${o.side}, 'LIMIT', ${o.qty ?? '1'}, ${o.done ?? '1'}, 100, 'GTC',
        now(), ${o.state})`.execute(f.t.db);
    const fill = (
      id: string,
      source: string,
      trade: string,
      qty: string,
      quote: string,
      fee: [string, string],
      secondsIntoDay: number,
    ) =>
      sql`
      insert into execution.fills (venue, symbol, trade_id, source, intent_id, exchange_order_id,
        price, qty, quote_qty, commission, commission_asset, is_maker, traded_at)
      values ('paper', 'BTCUSDT', ${trade}, ${source}, ${id}, ${`x-${id}`}, 100, ${qty}, ${quote},
        ${fee[0]}, ${fee[1]}, false, ${new Date(dayStart.getTime() + secondsIntoDay * 1000)})`.execute(
        f.t.db,
      );
    await order('a-old', { source: 'alpha', side: 'BUY', state: 'FILLED' });
    await order('a-buy', { source: 'alpha', side: 'BUY', state: 'FILLED' });
    await order('a-sell', { source: 'alpha', side: 'SELL', state: 'FILLED' });
    await order('a-open', {
      source: 'alpha',
      side: 'BUY',
      state: 'PARTIALLY_FILLED',
      qty: '0.5',
      done: '0.1',
    });
    await order('b-buy', { source: 'beta', side: 'BUY', state: 'FILLED' });
    await order('b-live', {
      source: 'beta',
      mode: 'live',
      side: 'SELL',
      state: 'NEW',
      qty: '2',
      done: '0',
    });
    // Yesterday: out of today's session, but part of the position.
    await fill('a-old', 'alpha', '1', '1', '90', ['0', 'USDT'], -3600);
    await fill('a-buy', 'alpha', '2', '1', '100', ['0.001', 'BTC'], 10);
    await fill('a-sell', 'alpha', '3', '0.999', '109.89', ['0.10989', 'USDT'], 20);
    await fill('a-open', 'alpha', '4', '0.1', '10', ['0.01', 'BNB'], 30);
    await fill('b-buy', 'beta', '5', '2', '200', ['0', 'USDT'], 40);
    await recordBalances(
      f.t.db,
      'paper',
      [
        { asset: 'USDT', free: '9000.5', locked: '40' },
        { asset: 'BTC', free: '1.099', locked: '0' },
      ],
      dayStart.getTime() + 50_000,
    );
  });
  afterAll(async () => {
    await f.close();
  });

  const get = (path: string, credentials: { cookie?: string; key?: string }) =>
    f.http(path, credentials);

  it('shows operators and viewers each venue balances snapshot; an API key may not read the account', async () => {
    for (const cookie of [alice, viewer]) {
      const res = await get('/api/money/balances', { cookie });
      expect(res.status).toBe(200);
      expect(moneyBalancesSchema.parse(await res.json())).toEqual({
        venues: [
          {
            venue: 'paper',
            takenAt: new Date(dayStart.getTime() + 50_000).toISOString(),
            balances: [
              { asset: 'BTC', free: '1.099', locked: '0' },
              { asset: 'USDT', free: '9000.5', locked: '40' },
            ],
          },
        ],
      });
    }
    const refused = await get('/api/money/balances', { key: alphaKey });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('FORBIDDEN');
  });

  it("answers realised P&L and fees per strategy over today's session (database clock) by default", async () => {
    const res = await get('/api/money/pnl', { cookie: viewer });
    expect(res.status).toBe(200);
    const body = moneyPnlSchema.parse(await res.json());
    expect(body.since).toBe(dayStart.toISOString());
    expect(body.lines.map((l) => [l.source, l.realisedPnl, l.position, l.fees])).toEqual([
      ['alpha', '9.78011', '0.1', { BNB: '0.01', BTC: '0.001', USDT: '0.10989' }],
      ['beta', '0', '2', {}],
    ]);
    // From yesterday on, alpha's first buy is in: 1.999 BTC cost 190, 0.999 sold at 109.78011 net.
    const longer = moneyPnlSchema.parse(
      await (
        await get(
          `/api/money/pnl?source=alpha&since=${new Date(dayStart.getTime() - 7200_000).toISOString()}`,
          { cookie: alice },
        )
      ).json(),
    );
    expect(longer.lines.map((l) => [l.source, l.trades, l.boughtQty])).toEqual([
      ['alpha', 4, '2.1'],
    ]);
    const live = moneyPnlSchema.parse(
      await (await get('/api/money/pnl?venue=live', { cookie: alice })).json(),
    );
    expect(live.lines).toEqual([]);
  });

  it('gives an API key its own strategy only, and refuses another strategy by name', async () => {
    const own = moneyPnlSchema.parse(await (await get('/api/money/pnl', { key: alphaKey })).json());
    expect(own.lines.map((l) => l.source)).toEqual(['alpha']);
    const asked = await get('/api/money/pnl?source=alpha', { key: alphaKey });
    expect(asked.status).toBe(200);
    for (const path of [
      '/api/money/pnl?source=beta',
      '/api/money/pnl/series?source=beta',
      '/api/money/exposure?source=beta',
    ]) {
      const res = await get(path, { key: alphaKey });
      expect(res.status, path).toBe(403);
      expect(await errorOf(res)).toEqual({
        code: 'FORBIDDEN',
        message: "an API key reads only its own strategy's money (alpha), not beta's",
      });
    }
  });

  it('draws the session P&L as a cumulative series per venue and quote asset', async () => {
    const res = await get('/api/money/pnl/series', { cookie: alice });
    expect(res.status).toBe(200);
    expect(moneyPnlSeriesSchema.parse(await res.json())).toEqual({
      since: dayStart.toISOString(),
      series: [
        {
          venue: 'paper',
          quoteAsset: 'USDT',
          points: [{ at: new Date(dayStart.getTime() + 20_000).toISOString(), pnl: '9.78011' }],
        },
      ],
    });
    const mine = moneyPnlSeriesSchema.parse(
      await (await get('/api/money/pnl/series', { key: alphaKey })).json(),
    );
    expect(mine.series).toHaveLength(1);
  });

  it('shows exposure per venue, strategy and base asset from every fill and the open orders', async () => {
    const res = await get('/api/money/exposure', { cookie: viewer });
    expect(res.status).toBe(200);
    expect(moneyExposureSchema.parse(await res.json()).lines).toEqual([
      {
        venue: 'paper',
        source: 'alpha',
        asset: 'BTC',
        position: '1.101',
        openBuy: '0.4',
        openSell: '0',
        ifBuysFill: '1.501',
        ifSellsFill: '1.101',
      },
      {
        venue: 'paper',
        source: 'beta',
        asset: 'BTC',
        position: '2',
        openBuy: '0',
        openSell: '0',
        ifBuysFill: '2',
        ifSellsFill: '2',
      },
      {
        venue: 'live',
        source: 'beta',
        asset: 'BTC',
        position: '0',
        openBuy: '0',
        openSell: '2',
        ifBuysFill: '0',
        ifSellsFill: '-2',
      },
    ]);
    const live = moneyExposureSchema.parse(
      await (await get('/api/money/exposure?venue=live', { cookie: alice })).json(),
    );
    expect(live.lines.map((l) => l.source)).toEqual(['beta']);
    const own = moneyExposureSchema.parse(
      await (await get('/api/money/exposure', { key: alphaKey })).json(),
    );
    expect(own.lines.map((l) => l.source)).toEqual(['alpha']);
  });

  it('refuses a query it does not know with 400 and every problem', async () => {
    for (const path of [
      '/api/money/pnl?since=yesterday',
      '/api/money/pnl?venue=demo',
      '/api/money/pnl/series?extra=1',
      '/api/money/exposure?source=no%20spaces',
    ]) {
      const res = await get(path, { cookie: alice });
      expect(res.status, path).toBe(400);
      expect((await errorOf(res)).code).toBe('BAD_REQUEST');
    }
  });
});
