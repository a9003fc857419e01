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

const lockWaiters = async () => {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock'`.execute(s.t.db);
  return rows[0]?.n ?? 0;
};

describe('execution - a disarm that commits first wins', () => {
  it('an intent whose transaction waits on a disarm holding the trading state sees PAPER and is never sent', async () => {
    await arming.arm();
    const i = intent({ mode: 'live' });
    await s.t.db.transaction().execute(async (trx) => {
      await sql`select 1 from arming.trading_state where id = 1 for update`.execute(trx);
      await s.publish(i);
      await waitFor(
        'the intent to wait for the trading-state lock',
        async () => (await lockWaiters()) > 0,
      );
      await trx
        .updateTable('arming.live_sessions')
        .set({ ended_at: new Date(), ended_by: 'alice', end_reason: 'test disarm' })
        .where('ended_at', 'is', null)
        .execute();
      await trx
        .updateTable('arming.trading_state')
        .set({ mode: 'PAPER', session_id: null, expires_at: null, version: sql`version + 1` })
        .execute();
    });
    expect(await s.rowWhen(i.intentId, (r) => r.state === 'REJECTED')).toMatchObject({
      reject_code: 'NOT_ARMED',
    });
    expect(await s.simOrders('live')).toEqual([]);
  });

  it('disarm while intents stream: nothing stored after the disarm commit reaches the live venue', async () => {
    await arming.arm();
    const before: string[] = [];
    const after: string[] = [];
    let disarmed = false;
    const stream = (async () => {
      for (let n = 0; n < 120; n += 1) {
        const i = intent({ mode: 'live', timeInForce: 'IOC' });
        (disarmed ? after : before).push(i.intentId);
        await s.publish(i);
        if (n === 40) {
          const reply = await arming.call('disarm', {
            operator: 'alice',
            reason: 'Stop while streaming.',
          });
          expect(reply.ok).toBe(true);
          disarmed = true;
        }
      }
    })();
    await stream;
    const ids = [...before, ...after];
    await waitFor(
      'every intent settled',
      async () => {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from execution.orders
          where intent_id = any(${ids}) and state in ('EXPIRED', 'REJECTED')`.execute(s.t.db);
        return rows[0]?.n === ids.length;
      },
      { timeoutMs: 30_000, everyMs: 100 },
    );
    const rows = await s.t.db
      .selectFrom('execution.orders')
      .selectAll()
      .where('intent_id', 'in', ids)
      .execute();
    const sent = rows.filter((r) => r.state !== 'REJECTED');
    const refused = rows.filter((r) => r.state === 'REJECTED');
    expect(refused.every((r) => r.reject_code === 'NOT_ARMED')).toBe(true);
    const afterSet = new Set(after);
    expect(sent.filter((r) => afterSet.has(r.intent_id))).toEqual([]);
    expect(sent.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThanOrEqual(after.length);

    const venue = (await s.simOrders('live')).map((o) => o.clientOrderId);
    expect(venue.sort()).toEqual(sent.map((r) => r.client_order_id).sort());
    const refusedIds = new Set(refused.map((r) => r.client_order_id));
    expect(venue.filter((id) => refusedIds.has(id))).toEqual([]);
  });
});
