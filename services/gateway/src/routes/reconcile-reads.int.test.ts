import {
  externalOrderListSchema,
  lastReconcileSchema,
  type ReconcileCompleted,
} from '@livegate/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startGatewayFixture, type GatewayFixture } from '../../test/fixture.js';

const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 9, 0, s));

const external = (venue: string, orderId: string, lastSeen: number, patch = {}) => ({
  venue,
  symbol: 'BTCUSDT',
  exchange_order_id: orderId,
  client_order_id: `manual-${orderId}`,
  first_seen_at: at(0),
  last_seen_at: at(lastSeen),
  status: 'NEW',
  action: 'report' as const,
  ...patch,
});

function report(runId: string, venue: 'paper' | 'live', finished: number): ReconcileCompleted {
  return {
    runId,
    trigger: 'interval',
    venue,
    startedAt: at(finished - 1).toISOString(),
    finishedAt: at(finished).toISOString(),
    durationMs: 1000,
    rowsChecked: finished,
    rowsChanged: {},
    fillsAdded: 0,
    externalOrders: 1,
    unresolved: 0,
    errors: [],
  };
}

async function insertRun(f: GatewayFixture, r: ReconcileCompleted, extras: object = {}) {
  await f.t.db
    .insertInto('reconcile.runs')
    .values({
      id: r.runId,
      trigger: r.trigger,
      venue: r.venue,
      started_at: new Date(r.startedAt),
      finished_at: new Date(r.finishedAt),
      duration_ms: r.durationMs,
      report: JSON.stringify({ ...r, ...extras }),
    })
    .execute();
}

describe('gateway - GET /api/reconcile/external and /api/reconcile/last', () => {
  let f: GatewayFixture;
  let viewer: string;
  let key: string;
  beforeAll(async () => {
    f = await startGatewayFixture();
    await f.addOperator('victor', 'viewer');
    viewer = await f.login('victor');
    key = await f.apiKey('bot');
  });
  afterAll(async () => {
    await f.close();
  });

  it('are empty before the reconciler has written anything', async () => {
    const ext = await f.http('/api/reconcile/external', { cookie: viewer });
    expect(ext.status).toBe(200);
    expect(await ext.json()).toEqual({ items: [] });
    const last = await f.http('/api/reconcile/last', { cookie: viewer });
    expect(await last.json()).toEqual({ items: [] });
  });

  it('lists external orders most recently seen first, filtered by venue and limited', async () => {
    await f.t.db
      .insertInto('reconcile.external_orders')
      .values([
        external('live', '1', 5),
        external('paper', '2', 9),
        external('live', '3', 7, { action: 'cancelled', status: 'CANCELED', symbol: 'ETHUSDT' }),
      ])
      .execute();
    const res = await f.http('/api/reconcile/external', { cookie: viewer });
    const body = externalOrderListSchema.parse(await res.json());
    expect(body.items.map((o) => o.exchangeOrderId)).toEqual(['2', '3', '1']);
    expect(body.items[1]).toEqual({
      venue: 'live',
      symbol: 'ETHUSDT',
      exchangeOrderId: '3',
      clientOrderId: 'manual-3',
      status: 'CANCELED',
      action: 'cancelled',
      firstSeenAt: '2026-03-02T09:00:00.000Z',
      lastSeenAt: '2026-03-02T09:00:07.000Z',
    });
    const live = await f.http('/api/reconcile/external?venue=live&limit=1', { cookie: viewer });
    expect(
      externalOrderListSchema.parse(await live.json()).items.map((o) => o.exchangeOrderId),
    ).toEqual(['3']);
  });

  it('gives the newest run of each venue, its report as published (extras left out)', async () => {
    await insertRun(f, report('p-old', 'paper', 10));
    await insertRun(f, report('p-new', 'paper', 30), { pausedMs: 0, requestIds: [] });
    await insertRun(f, report('l-only', 'live', 20));
    const res = await f.http('/api/reconcile/last', { cookie: viewer });
    const body = lastReconcileSchema.parse(await res.json());
    expect(body).toEqual({ items: [report('l-only', 'live', 20), report('p-new', 'paper', 30)] });
    expect(JSON.stringify(body)).not.toContain('pausedMs');
  });

  it('leaves out a stored report that does not parse', async () => {
    await insertRun(f, report('l-bad', 'live', 40), { rowsChecked: 'many' });
    const res = await f.http('/api/reconcile/last', { cookie: viewer });
    expect(lastReconcileSchema.parse(await res.json()).items.map((r) => r.runId)).toEqual([
      'p-new',
    ]);
  });

  it('refuses a bad query (400), and API keys (403)', async () => {
    const bad = await f.http('/api/reconcile/external?venue=both&limit=0', { cookie: viewer });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).details?.issues).toEqual([
      'venue: Invalid option: expected one of "paper"|"live"',
      'limit: Too small: expected number to be >=1',
    ]);
    for (const path of ['/api/reconcile/external', '/api/reconcile/last']) {
      const res = await f.http(path, { key });
      expect(res.status, path).toBe(403);
      expect((await errorOf(res)).code).toBe('FORBIDDEN');
    }
  });

  it('reads defensively: empty lists without the reconcile tables', async () => {
    await sql`drop schema reconcile cascade`.execute(f.t.db);
    for (const path of ['/api/reconcile/external', '/api/reconcile/last']) {
      const res = await f.http(path, { cookie: viewer });
      expect(res.status, path).toBe(200);
      expect(await res.json(), path).toEqual({ items: [] });
    }
  });
});
