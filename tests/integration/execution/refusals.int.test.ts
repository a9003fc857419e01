import { orderIntentSchema } from '@livegate/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { intent, startStack, waitFor, type Stack } from './fixture.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
  await s.startExecution();
});
afterAll(async () => {
  await s.stop();
});
beforeEach(async () => {
  await s.setMode('PAPER');
});

/** Order placements the simulator received (the kill switch's sweeps read and cancel, never place). */
const allRequests = async () =>
  (await s.sim.admin.requests()).filter((r) => r.method === 'POST' && r.path === '/api/v3/order')
    .length;
const rejection = (intentId: string) =>
  waitFor(`order.rejected for ${intentId}`, () =>
    s.events.of(intentId).find((e) => e.type === 'order.rejected'),
  );
const refusalAudits = async (intentId: string) =>
  s.t.db
    .selectFrom('audit.log')
    .selectAll()
    .where('kind', '=', 'execution.intent_refused')
    .where('subject', '=', intentId)
    .execute();

describe('execution - live intents need an armed session', () => {
  it('refuses a live intent while PAPER, HALTED or after the session expired; the live venue gets nothing', async () => {
    const before = await allRequests();
    const paper = intent({ mode: 'live' });
    await s.publish(paper);
    expect(await s.rowWhen(paper.intentId, (r) => r.state === 'REJECTED')).toMatchObject({
      reject_code: 'NOT_ARMED',
      lease_holder: null,
      attempts: 0,
    });

    await s.setMode('HALTED');
    const halted = intent({ mode: 'live' });
    await s.publish(halted);
    expect(await s.rowWhen(halted.intentId, (r) => r.state === 'REJECTED')).toMatchObject({
      reject_code: 'HALTED',
    });

    await s.setMode('LIVE', { expiresInMs: 50 });
    const row = await s.t.db
      .selectFrom('arming.trading_state')
      .select('expires_at')
      .executeTakeFirstOrThrow();
    await waitFor('the session to expire', () => Date.now() > (row.expires_at as Date).getTime());
    const expired = intent({ mode: 'live' });
    await s.publish(expired);
    expect(await s.rowWhen(expired.intentId, (r) => r.state === 'REJECTED')).toMatchObject({
      reject_code: 'NOT_ARMED',
    });

    expect(await rejection(halted.intentId)).toMatchObject({
      state: 'REJECTED',
      code: 'HALTED',
      mode: 'live',
    });
    expect(await refusalAudits(paper.intentId)).toEqual([
      expect.objectContaining({
        actor: 'execution',
        details: expect.objectContaining({ code: 'NOT_ARMED', mode: 'live' }),
      }),
    ]);
    expect(await s.simOrders('live')).toEqual([]);
    expect(await s.simOrders('paper')).toEqual([]);
    expect(await allRequests()).toBe(before);
  });

  it('sends a live intent while LIVE to the live venue only, with an audit row naming the session', async () => {
    await s.setMode('LIVE');
    const live = intent({ mode: 'live' });
    await s.publish(live);
    const row = await s.rowWhen(live.intentId, (r) => r.state === 'NEW');
    expect(row.live_session_id).toMatch(/^s-/);
    expect((await s.simOrders('live')).map((o) => o.clientOrderId)).toEqual([row.client_order_id]);
    expect((await s.simOrders('paper')).map((o) => o.clientOrderId)).not.toContain(
      row.client_order_id,
    );
    const sent = await s.t.db
      .selectFrom('audit.log')
      .selectAll()
      .where('kind', '=', 'execution.live_order_sent')
      .where('subject', '=', live.intentId)
      .execute();
    expect(sent).toEqual([
      expect.objectContaining({
        details: expect.objectContaining({
          sessionId: row.live_session_id,
          attempt: 1,
          clientOrderId: row.client_order_id,
        }),
      }),
    ]);
  });
});

describe('execution - local refusals reach no venue', () => {
  it('refuses a reused key with other economic fields and leaves the stored row untouched', async () => {
    const first = intent();
    await s.publish(first);
    const stored = await s.rowWhen(first.intentId, (r) => r.state === 'NEW');
    const before = await allRequests();
    await s.publish({ ...first, quantity: '0.002' }, `${first.intentId}-again`);
    expect(await rejection(first.intentId)).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      state: 'REJECTED',
    });
    expect(await s.row(first.intentId)).toEqual(stored);
    expect(await allRequests()).toBe(before);
    expect(await refusalAudits(first.intentId)).toEqual([
      expect.objectContaining({
        details: expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED' }),
      }),
    ]);
  });

  it('refuses stale intents: past expiresAt, or older than the max age', async () => {
    const before = await allRequests();
    const expired = intent({
      createdAt: new Date(Date.now() - 2_000).toISOString(),
      expiresAt: new Date(Date.now() - 1_000).toISOString(),
    });
    const old = intent({ createdAt: new Date(Date.now() - 31_000).toISOString() });
    await s.publish(expired);
    await s.publish(old);
    for (const i of [expired, old]) {
      expect(await s.rowWhen(i.intentId, (r) => r.state === 'REJECTED')).toMatchObject({
        reject_code: 'STALE',
      });
      expect(await rejection(i.intentId)).toMatchObject({ code: 'STALE' });
    }
    expect(await allRequests()).toBe(before);
  });

  it('refuses an intent dated ahead of the database clock beyond the margin (a fast strategy clock never disables staleness)', async () => {
    const before = await allRequests();
    const tomorrow = intent({ createdAt: new Date(Date.now() + 86_400_000).toISOString() });
    const live = intent({ mode: 'live', createdAt: new Date(Date.now() + 60_000).toISOString() });
    await s.setMode('LIVE');
    await s.publish(tomorrow);
    await s.publish(live);
    for (const i of [tomorrow, live]) {
      const row = await s.rowWhen(i.intentId, (r) => r.state === 'REJECTED');
      expect(row).toMatchObject({ reject_code: 'FUTURE_DATED', attempts: 0, last_sent_at: null });
      expect(row.reject_message).toMatch(/ahead of the gate's clock/);
      expect(await rejection(i.intentId)).toMatchObject({ code: 'FUTURE_DATED' });
    }
    expect(await allRequests()).toBe(before);
  });

  it('refuses filter violations locally, naming the filter', async () => {
    const before = await allRequests();
    const cases = [
      [intent({ price: '50000.001' }), 'PRICE_FILTER'],
      [intent({ quantity: '0.000001' }), 'LOT_SIZE'],
      [intent({ quantity: '0.00001', price: '100.00' }), 'NOTIONAL'],
    ] as const;
    for (const [i] of cases) await s.publish(i);
    for (const [i, code] of cases) {
      expect(await s.rowWhen(i.intentId, (r) => r.state === 'REJECTED')).toMatchObject({
        reject_code: code,
        lease_holder: null,
      });
      expect(await rejection(i.intentId)).toMatchObject({ code, state: 'REJECTED' });
    }
    expect(await allRequests()).toBe(before);
  });

  it('answers an invalid intent with INVALID_INTENT and stores nothing', async () => {
    const before = await allRequests();
    const bad = { ...intent(), quantity: '-1' };
    await s.bus.nc.publish(s.bus.subjects.orderIntent('test'), JSON.stringify(bad), {
      headers: undefined,
    });
    expect(await rejection(bad.intentId)).toMatchObject({
      code: 'INVALID_INTENT',
      details: { issues: [expect.stringContaining('quantity')] },
    });
    expect(await s.row(bad.intentId)).toBeUndefined();

    s.bus.nc.publish(s.bus.subjects.orderIntent('test'), '{not json');
    await waitFor('a rejection of the non-JSON message', () =>
      s.events.events.find((e) => e.type === 'order.rejected' && e.intentId.startsWith('invalid-')),
    );
    expect(await allRequests()).toBe(before);
    expect(orderIntentSchema.safeParse(bad).success).toBe(false);
  });

  it('refuses an intent whose source is not the one of the subject it came on, under the subject source', async () => {
    const before = await allRequests();
    const forged = intent({ source: 'victim' });
    await s.bus.publish(s.bus.subjects.orderIntent('intruder'), orderIntentSchema, forged, {
      msgId: forged.intentId,
    });
    expect(await rejection(forged.intentId)).toMatchObject({
      code: 'INVALID_INTENT',
      source: 'intruder',
      details: {
        issues: ['source: must be "intruder", the source of the subject it was sent on'],
      },
    });
    expect(await s.row(forged.intentId)).toBeUndefined();
    expect(await allRequests()).toBe(before);
  });
});
