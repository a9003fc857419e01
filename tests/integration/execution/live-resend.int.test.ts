import type { TradingMode } from '@livegate/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intent, startStack, waitFor, type Stack } from './fixture.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
  await s.startExecution({
    venueTimeoutMs: 800,
    recvWindowMs: 1_000,
    settings: { clockMarginMs: 200 },
  });
});
afterAll(async () => {
  await s.stop();
});

const lostPlacement = () =>
  s.sim.admin.injectFault({
    kind: '5xx-before-accept',
    path: '/api/v3/order',
    method: 'POST',
    count: 1,
  });
const auditsOf = (intentId: string) =>
  s.t.db
    .selectFrom('audit.log')
    .select(['kind', 'details'])
    .where('subject', '=', intentId)
    .orderBy('id')
    .execute();

describe('execution - sending a live intent again after NOT_PLACED', () => {
  it('sends again while still armed, auditing each attempt', async () => {
    await s.setMode('LIVE');
    await lostPlacement();
    const i = intent({ mode: 'live' });
    await s.publish(i);
    const row = await s.rowWhen(i.intentId, (r) => r.state === 'NEW');
    expect(row.attempts).toBe(2);
    expect(
      (await s.simOrders('live')).filter((o) => o.clientOrderId === row.client_order_id),
    ).toHaveLength(1);
    expect((await auditsOf(i.intentId)).map((a) => [a.kind, a.details.attempt])).toEqual([
      ['execution.live_order_sent', 1],
      ['execution.live_order_sent', 2],
    ]);
  });

  for (const [mode, code] of [
    ['PAPER', 'NOT_ARMED'],
    ['HALTED', 'HALTED'],
  ] as [TradingMode, string][]) {
    it(`does not send again once trading is ${mode}: REJECTED ${code}`, async () => {
      await s.setMode('LIVE');
      await lostPlacement();
      const i = intent({ mode: 'live' });
      await s.publish(i);
      await waitFor('the placement to be unknown', () =>
        s.events.of(i.intentId).some((e) => e.type === 'order.unknown'),
      );
      await s.setMode(mode);
      const row = await s.rowWhen(i.intentId, (r) => r.state === 'REJECTED');
      expect(row).toMatchObject({ reject_code: code, attempts: 1 });
      expect(
        (await s.simOrders('live')).filter((o) => o.clientOrderId === row.client_order_id),
      ).toEqual([]);
      expect((await auditsOf(i.intentId)).map((a) => a.kind)).toEqual([
        'execution.live_order_sent',
        'execution.intent_refused',
      ]);
    });
  }
});
