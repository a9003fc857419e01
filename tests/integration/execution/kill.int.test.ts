import { clientOrderIdFor, createBinanceSpotAdapter } from '@livegate/binance';
import { modeChangedSchema } from '@livegate/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intent, startArming, startStack, waitFor, type Arming, type Stack } from './fixture.js';

let s: Stack;
let arming: Arming;
beforeAll(async () => {
  s = await startStack();
  await s.startExecution();
  arming = await startArming(s);
});
afterAll(async () => {
  await arming.stop();
  await s.stop();
});

const killAudits = () =>
  s.t.db
    .selectFrom('audit.log')
    .selectAll()
    .where('kind', '=', 'execution.kill_cancelled')
    .orderBy('id')
    .execute();
const liveOrder = async (clientOrderId: string) =>
  (await s.simOrders('live')).find((o) => o.clientOrderId === clientOrderId);
const resting = async (patch: Parameters<typeof intent>[0]) => {
  const i = intent({ mode: 'live', ...patch });
  await s.publish(i);
  return s.rowWhen(i.intentId, (r) => r.state === 'NEW');
};
const modeSeen = (version: number) =>
  waitFor(`mode.changed v${version} to be handled`, () =>
    s.logLines.some(
      (l) => l.includes('"msg":"mode.changed"') && l.includes(`"version":${version},`),
    ),
  );

describe('execution - kill switch', () => {
  it('on HALTED cancels every open live order (by symbol, then one by one) and reports the list', async () => {
    await arming.arm();
    const a = await resting({});
    const b = await resting({});
    const c = await resting({ symbol: 'ETHUSDT', price: '2000.00', quantity: '0.01' });
    const d = await resting({});
    const paper = intent();
    await s.publish(paper);
    await s.rowWhen(paper.intentId, (r) => r.state === 'NEW');
    const dOrder = await liveOrder(d.client_order_id);
    await s.sim.admin.fillOrder(dOrder!.orderId);
    const external = createBinanceSpotAdapter({
      config: {
        name: 'ext',
        baseUrl: s.sim.url,
        apiKey: s.live.apiKey,
        apiSecret: s.live.apiSecret,
        marketPriceSource: 'tickerPrice',
      },
      logger: s.logger,
    });
    await external.placeOrder({
      symbol: 'ETHUSDT',
      side: 'BUY',
      type: 'LIMIT',
      quantity: '0.01',
      price: '1900.00',
      timeInForce: 'GTC',
      clientOrderId: 'external-1',
    });
    external.close();
    await s.sim.admin.injectFault({
      kind: 'rate-limit',
      path: '/api/v3/openOrders',
      method: 'DELETE',
      count: 1,
      delayMs: 100,
    });

    const killed = await arming.call('kill', { operator: 'alice', reason: 'Kill switch test.' });
    expect(killed.ok).toBe(true);
    const [audit] = await waitFor('the kill report', async () => {
      const rows = await killAudits();
      return rows.length === 1 ? rows : undefined;
    });
    const ids = (list: unknown) => (list as { intentId: string }[]).map((e) => e.intentId).sort();
    expect(ids(audit!.details.cancelled)).toEqual([a, b, c].map((r) => r.intent_id).sort());
    expect(ids(audit!.details.notOpen)).toEqual([d.intent_id]);
    expect(audit!.details.failed).toEqual([]);
    expect(audit!.details.external).toEqual([
      expect.objectContaining({ clientOrderId: 'external-1', intentId: null, symbol: 'ETHUSDT' }),
    ]);
    for (const r of [a, b, c]) {
      expect(await s.row(r.intent_id)).toMatchObject({
        state: 'CANCELED',
        last_exchange_status: 'CANCELED',
      });
      expect(await liveOrder(r.client_order_id)).toMatchObject({ status: 'CANCELED' });
      expect((await s.events.until(r.intent_id, 'order.canceled')).at(-1)).toMatchObject({
        type: 'order.canceled',
        state: 'CANCELED',
      });
    }
    expect(await liveOrder('external-1')).toMatchObject({ status: 'CANCELED' });
    expect(await s.row(d.intent_id)).toMatchObject({ state: 'NEW' });
    expect(await s.row(paper.intentId)).toMatchObject({ state: 'NEW' });
    await waitFor('the kill report line', () =>
      s.logLines.some((l) => l.includes('kill switch: cancelled 3 open live order(s)')),
    );
    // The 429 on the first cancel-all was waited out (never called through: that earns a 418).
    expect(s.logLines.some((l) => l.includes('waiting out the venue Retry-After'))).toBe(true);

    const refused = intent({ mode: 'live' });
    await s.publish(refused);
    expect(await s.rowWhen(refused.intentId, (r) => r.state === 'REJECTED')).toMatchObject({
      reject_code: 'HALTED',
    });
  });

  it('retries a sweep that could not cancel everything', async () => {
    // What the reconciler would do with the order filled behind our back in the first test.
    await s.t.db
      .updateTable('execution.orders')
      .set({ state: 'FILLED' })
      .where('mode', '=', 'live')
      .where('state', '=', 'NEW')
      .execute();
    expect((await arming.call('release', { operator: 'alice', reason: 'Back to paper.' })).ok).toBe(
      true,
    );
    await arming.arm();
    const e = await resting({});
    const before = (await killAudits()).length;
    // Twice: the kill waits out the first Retry-After and tries once more.
    await s.sim.admin.injectFault({
      kind: 'rate-limit',
      path: '/api/v3/openOrders',
      method: 'DELETE',
      count: 2,
      delayMs: 100,
    });
    await s.sim.admin.injectFault({
      kind: 'connection-reset',
      path: '/api/v3/order',
      method: 'DELETE',
      count: 1,
    });
    await arming.call('kill', { operator: 'alice', reason: 'Second kill.' });
    const audits = await waitFor('two sweeps', async () => {
      const rows = (await killAudits()).slice(before);
      return rows.length === 2 ? rows : undefined;
    });
    expect(audits[0]!.details).toMatchObject({
      failed: [expect.objectContaining({ intentId: e.intent_id })],
      cancelled: [],
    });
    expect(audits[1]!.details).toMatchObject({
      failed: [],
      cancelled: [expect.objectContaining({ intentId: e.intent_id })],
    });
    expect(await s.row(e.intent_id)).toMatchObject({ state: 'CANCELED' });
  });

  it('ignores a HALTED message when trading is no longer halted, and other modes', async () => {
    expect((await arming.call('release', { operator: 'alice', reason: 'Released.' })).ok).toBe(
      true,
    );
    const before = (await killAudits()).length;
    await s.bus.publish(s.bus.subjects.modeChanged, modeChangedSchema, {
      mode: 'HALTED',
      previousMode: 'PAPER',
      version: 9_001,
      operator: 'ghost',
      reason: 'An old kill.',
      at: new Date().toISOString(),
    });
    await modeSeen(9_001);
    expect(await killAudits()).toHaveLength(before);
  });

  it('cancels a live order that came to rest after the kill', async () => {
    await arming.arm();
    await s.sim.admin.injectFault({
      kind: 'latency',
      path: '/api/v3/order',
      method: 'POST',
      count: 1,
      delayMs: 700,
    });
    const f = intent({ mode: 'live' });
    const posts = async () =>
      (await s.sim.admin.requests({ apiKey: s.live.apiKey })).filter((r) => r.method === 'POST')
        .length;
    const before = await posts();
    await s.publish(f);
    await waitFor('the placement to reach the venue', async () => (await posts()) > before);
    await arming.call('kill', { operator: 'alice', reason: 'Kill during a send.' });
    const row = await s.rowWhen(f.intentId, (r) => r.state === 'CANCELED');
    expect(await liveOrder(row.client_order_id)).toMatchObject({ status: 'CANCELED' });
    const report = await waitFor('the sweep after the order came to rest', async () =>
      (await killAudits()).find((a) =>
        (a.details.cancelled as { intentId: string }[]).some((c) => c.intentId === f.intentId),
      ),
    );
    expect(report.details.trigger).toMatchObject({ sweep: 'rested' });
    expect(report.details).toMatchObject({
      cancelled: [expect.objectContaining({ intentId: f.intentId })],
    });
  });

  it('a kill with the MODE stream gone: execution reads HALTED from the database and cancels; mode.changed follows once the stream is back', async () => {
    await arming.call('release', { operator: 'alice', reason: 'Back to paper.' });
    await arming.arm();
    const g = await resting({});
    await s.bus.nc.request(`$JS.API.STREAM.DELETE.${s.bus.streams.mode}`);
    const killed = await arming.call('kill', {
      operator: 'alice',
      reason: 'Kill with the bus half down.',
    });
    expect(killed.ok).toBe(true);
    const version = killed.ok ? killed.result.version : -1;
    const row = await s.rowWhen(g.intent_id, (r) => r.state === 'CANCELED', 10_000);
    expect(await liveOrder(row.client_order_id)).toMatchObject({ status: 'CANCELED' });
    const queued = () =>
      s.t.db
        .selectFrom('outbox.messages')
        .select('published_at')
        .where('kind', '=', 'mode')
        .where(sql<boolean>`(payload ->> 'version')::int = ${version}`)
        .executeTakeFirstOrThrow();
    expect((await queued()).published_at).toBeNull();
    await s.bus.ensureStreams({ intentDuplicateWindowMs: 60_000 });
    await waitFor(
      'the relay to publish the kill',
      async () => (await queued()).published_at !== null,
      {
        timeoutMs: 15_000,
      },
    );
    const reply = await s.bus.nc.request(
      `$JS.API.STREAM.MSG.GET.${s.bus.streams.mode}`,
      JSON.stringify({ last_by_subj: s.bus.subjects.modeChanged }),
    );
    const { message } = reply.json<{ message: { data: string } }>();
    expect(JSON.parse(Buffer.from(message.data, 'base64').toString())).toMatchObject({
      mode: 'HALTED',
      version,
    });
  });

  it('a kill while the open-orders list is unreadable still cancels by the symbols of our rows; an order with our prefix and no row is cancelled and reported', async () => {
    await s.bus.ensureStreams({ intentDuplicateWindowMs: 60_000 });
    await arming.call('release', { operator: 'alice', reason: 'Back to paper.' });
    await arming.arm();
    const h = await resting({});
    const ghostId = clientOrderIdFor('ghost:no-row');
    const other = createBinanceSpotAdapter({
      config: {
        name: 'ghost',
        baseUrl: s.sim.url,
        apiKey: s.live.apiKey,
        apiSecret: s.live.apiSecret,
        marketPriceSource: 'tickerPrice',
      },
      logger: s.logger,
    });
    await other.placeOrder({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      quantity: '0.001',
      price: '50000.00',
      timeInForce: 'GTC',
      clientOrderId: ghostId,
    });
    other.close();
    // Twice: the kill waits out the first Retry-After and tries once more.
    await s.sim.admin.injectFault({
      kind: 'rate-limit',
      path: '/api/v3/openOrders',
      method: 'GET',
      count: 2,
      delayMs: 100,
    });
    const before = (await killAudits()).length;
    await arming.call('kill', { operator: 'alice', reason: 'Kill, list unreadable.' });
    const [report] = await waitFor('the kill report', async () => {
      const rows = (await killAudits()).slice(before);
      return rows.length >= 1 ? rows : undefined;
    });
    expect(report!.details).toMatchObject({
      cancelled: [expect.objectContaining({ intentId: h.intent_id, source: h.source })],
      external: [expect.objectContaining({ clientOrderId: ghostId, intentId: null, source: null })],
    });
    expect(await liveOrder(ghostId)).toMatchObject({ status: 'CANCELED' });
    expect(
      s.logLines.some((l) => l.includes('kill switch: open orders of every symbol unreadable')),
    ).toBe(true);
    expect(s.logLines.some((l) => l.includes('cancelled an order of ours with no open row'))).toBe(
      true,
    );
  });

  it('one instance sweeps at a time (advisory lock); a failed read of the trading state is logged and retried', async () => {
    await arming.call('release', { operator: 'alice', reason: 'Back to paper.' });
    await arming.arm();
    const k = await resting({});
    await s.t.db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(hashtextextended('livegate.execution.kill-sweep', 0))`.execute(
        conn,
      );
      try {
        const skipped = s.logLines.length;
        await arming.call('kill', { operator: 'alice', reason: 'Kill, lock held elsewhere.' });
        await waitFor('a skipped check', () =>
          s.logLines
            .slice(skipped)
            .some((l) => l.includes('another instance is sweeping; this check is skipped')),
        );
        expect(await s.row(k.intent_id)).toMatchObject({ state: 'NEW' });
      } finally {
        await sql`select pg_advisory_unlock(hashtextextended('livegate.execution.kill-sweep', 0))`.execute(
          conn,
        );
      }
    });
    await s.rowWhen(k.intent_id, (r) => r.state === 'CANCELED', 10_000);

    await sql`revoke select on arming.trading_state from livegate_execution`.execute(s.t.db);
    try {
      await waitFor('the failed read', () =>
        s.logLines.some((l) => l.includes('kill switch: checking the trading state failed')),
      );
    } finally {
      await sql`grant select on arming.trading_state to livegate_execution`.execute(s.t.db);
    }
  });

  // Last: its long Retry-After stops this venue's budget for the rest of the file.
  it('does not wait out a long Retry-After: the order is reported failed at once, for a later sweep', async () => {
    await arming.call('release', { operator: 'alice', reason: 'Back to paper.' });
    await arming.arm();
    const m = await resting({});
    await s.sim.admin.injectFault({
      kind: 'rate-limit',
      path: '/api/v3/openOrders',
      method: 'DELETE',
      count: 1,
      delayMs: 30_000,
    });
    const before = (await killAudits()).length;
    const waits = s.logLines.filter((l) => l.includes('waiting out the venue Retry-After')).length;
    await arming.call('kill', { operator: 'alice', reason: 'Kill under a long Retry-After.' });
    const [report] = await waitFor('the kill report', async () => {
      const rows = (await killAudits()).slice(before);
      return rows.length >= 1 ? rows : undefined;
    });
    expect(report!.details).toMatchObject({
      cancelled: [],
      failed: [
        expect.objectContaining({
          intentId: m.intent_id,
          reason: expect.stringContaining('429/418 Retry-After'),
        }),
      ],
    });
    expect(s.logLines.filter((l) => l.includes('waiting out the venue Retry-After'))).toHaveLength(
      waits,
    );
    expect(await s.row(m.intent_id)).toMatchObject({ state: 'NEW' });
  });
});
