import { describe, expect, it } from 'vitest';
import { createApiClient } from './client.js';
import { createGatewayApi } from './gateway.js';

function recording(answer: unknown) {
  const calls: { path: string; method: string; body: unknown }[] = [];
  const api = createGatewayApi(
    createApiClient({
      fetch: async (input, init) => {
        calls.push({
          path: String(input),
          method: init?.method ?? 'GET',
          body: init?.body === undefined ? undefined : JSON.parse(String(init.body)),
        });
        return new Response(JSON.stringify(answer), { status: 200 });
      },
    }),
  );
  return { api, calls };
}

const snapshot = { mode: 'PAPER', version: 1, reconcileBlocked: false };

describe('createGatewayApi', () => {
  it('reads, sets, approves and rejects risk limits, and resumes a paused strategy', async () => {
    const { api, calls } = recording({ limit: null });
    const change = {
      venue: 'paper' as const,
      source: 'alpha',
      kind: 'max_open_orders' as const,
      value: null,
      reason: 'r',
    };
    expect(await api.setRiskLimit(change)).toEqual({ ok: true, data: { limit: null } });
    await api.approveRiskLimit('7');
    await api.rejectRiskLimit('8', 'Too large.');
    await api.resumeStrategy({ venue: 'live', source: 'alpha', reason: 'Fixed.' });
    expect((await api.riskLimits()).ok).toBe(false);
    expect(calls).toEqual([
      { path: '/api/risk/limits', method: 'PUT', body: change },
      { path: '/api/risk/limits/approve', method: 'POST', body: { proposalId: '7' } },
      {
        path: '/api/risk/limits/reject',
        method: 'POST',
        body: { proposalId: '8', reason: 'Too large.' },
      },
      {
        path: '/api/risk/resume',
        method: 'POST',
        body: { venue: 'live', source: 'alpha', reason: 'Fixed.' },
      },
      { path: '/api/risk/limits', method: 'GET', body: undefined },
    ]);
  });

  it("sends an operator's cancel of one order and of a symbol's orders", async () => {
    const { api, calls } = recording({ symbol: 'BTCUSDT', requested: [] });
    await api.cancelOrder('i/1', { reason: 'Wrong price.', source: 'alpha' });
    expect(await api.cancelAll({ symbol: 'BTCUSDT', reason: 'Flatten.' })).toEqual({
      ok: true,
      data: { symbol: 'BTCUSDT', requested: [] },
    });
    expect(calls).toEqual([
      {
        path: '/api/orders/i%2F1/cancel',
        method: 'POST',
        body: { reason: 'Wrong price.', source: 'alpha' },
      },
      {
        path: '/api/orders/cancel-all',
        method: 'POST',
        body: { symbol: 'BTCUSDT', reason: 'Flatten.' },
      },
    ]);
  });

  it('reads balances, P&L, its series and exposure, with the query given', async () => {
    const { api, calls } = recording({ venues: [] });
    expect(await api.moneyBalances()).toEqual({ ok: true, data: { venues: [] } });
    await api.moneyPnl();
    await api.moneyPnl({ venue: 'paper', source: 'alpha', since: '2026-12-06T00:00:00.000Z' });
    await api.moneyPnlSeries({ venue: 'live' });
    await api.moneyExposure({ source: 'alpha' });
    expect(calls.map((c) => c.path)).toEqual([
      '/api/money/balances',
      '/api/money/pnl',
      '/api/money/pnl?venue=paper&source=alpha&since=2026-12-06T00%3A00%3A00.000Z',
      '/api/money/pnl/series?venue=live',
      '/api/money/exposure?source=alpha',
    ]);
  });

  it('sends each arming verb to its route with its body', async () => {
    const { api, calls } = recording(snapshot);
    await api.start('t', 'ARM LIVE');
    await api.stop();
    await api.stop('end of day');
    await api.kill('runaway');
    await api.release('fixed');
    await api.mode();
    expect(calls).toEqual([
      { path: '/api/live/start', method: 'POST', body: { token: 't', confirmation: 'ARM LIVE' } },
      { path: '/api/live/stop', method: 'POST', body: {} },
      { path: '/api/live/stop', method: 'POST', body: { reason: 'end of day' } },
      { path: '/api/live/kill', method: 'POST', body: { reason: 'runaway' } },
      { path: '/api/live/release', method: 'POST', body: { reason: 'fixed' } },
      { path: '/api/mode', method: 'GET', body: undefined },
    ]);
  });

  it('builds query strings without empty values and escapes ids', async () => {
    const { api, calls } = recording({ items: [], nextBefore: null });
    await api.audit({ kind: 'auth.*', before: '42', limit: 20 });
    await api.audit();
    await api.orders({ state: 'NEW', mode: undefined, offset: 0 });
    await api.order('a/b');
    await api.orderEvents('x y');
    await api.externalOrders({ venue: 'live', limit: 20 });
    await api.externalOrders();
    expect(calls.map((c) => c.path)).toEqual([
      '/api/audit?kind=auth.*&before=42&limit=20',
      '/api/audit',
      '/api/orders?state=NEW&offset=0',
      '/api/orders/a%2Fb',
      '/api/orders/x%20y/events',
      '/api/reconcile/external?venue=live&limit=20',
      '/api/reconcile/external',
    ]);
  });

  it('login, logout, me, arm and reconcile', async () => {
    const { api, calls } = recording({});
    await api.login('alice', 'pw');
    await api.logout();
    await api.me();
    await api.arm('because');
    await api.reconcile();
    await api.liveInfo();
    await api.lastReconcile();
    expect(calls.map((c) => [c.method, c.path, c.body])).toEqual([
      ['POST', '/api/auth/login', { name: 'alice', password: 'pw' }],
      ['POST', '/api/auth/logout', {}],
      ['GET', '/api/auth/me', undefined],
      ['POST', '/api/live/arm', { reason: 'because' }],
      ['POST', '/api/reconcile', {}],
      ['GET', '/api/live/info', undefined],
      ['GET', '/api/reconcile/last', undefined],
    ]);
  });
});
