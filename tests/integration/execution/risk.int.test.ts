import type { OrderIntent, RiskLimitKind } from '@livegate/contracts';
import type { CrashPoint } from '@livegate/execution';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { intent, marketBuy, startStack, waitFor, type Stack } from './fixture.js';

/**
 * Issue 13: pre-trade risk limits, decided in the fenced step per venue and strategy. A breach is
 * REJECTED RISK_LIMIT naming the limit and the values, and the venue sees nothing.
 */
let s: Stack;
/** Holds the first fenced step to reach `before-fence-commit` (its counts taken) until released. */
let hold: { reached: () => void; release: Promise<void> } | undefined;

beforeAll(async () => {
  s = await startStack();
  const crash = async (point: CrashPoint) => {
    if (point !== 'before-fence-commit' || hold === undefined) return;
    const held = hold;
    hold = undefined;
    held.reached();
    await held.release;
  };
  // Two instances: the race below is between instances, as in production.
  await s.startExecution({ crash });
  await s.startExecution({ crash });
});
afterAll(async () => {
  await s.stop();
});
beforeEach(() => {
  hold = undefined;
});

let sourceSeq = 0;
/** A strategy of its own per test: its limits and counts are nobody else's. */
const newSource = () => `risk-${process.pid}-${(sourceSeq += 1)}`;

async function setLimit(
  source: string,
  kind: RiskLimitKind,
  value: string,
  { venue = 'paper', asset = '' }: { venue?: 'paper' | 'live'; asset?: string } = {},
) {
  await s.t.db
    .insertInto('risk.limits')
    .values({ venue, source, kind, asset, value, updated_by: 'alice' })
    .execute();
}

const finished = (i: OrderIntent) =>
  s.rowWhen(i.intentId, (r) => r.state !== 'SUBMITTING' && r.state !== 'UNKNOWN');
const simOrdersOf = async (...intents: OrderIntent[]) => {
  const ids = new Set(
    await Promise.all(intents.map(async (i) => (await s.row(i.intentId))?.client_order_id)),
  );
  return (await s.simOrders('paper')).filter((o) => ids.has(o.clientOrderId));
};

async function expectRefused(i: OrderIntent, limit: RiskLimitKind) {
  const row = await finished(i);
  expect(row.state).toBe('REJECTED');
  expect(row.reject_code).toBe('RISK_LIMIT');
  expect(row.reject_message).toContain(`Risk limit ${limit} breached`);
  const events = await s.events.until(i.intentId, 'order.rejected');
  expect(events.find((e) => e.type === 'order.rejected')).toMatchObject({
    code: 'RISK_LIMIT',
    details: expect.objectContaining({ limit }),
  });
  expect(await simOrdersOf(i)).toEqual([]);
  return row;
}

describe('execution - pre-trade risk limits', () => {
  it('max_order_notional: an order worth more than the limit in its quote asset is refused', async () => {
    const source = newSource();
    await setLimit(source, 'max_order_notional', '40', { asset: 'USDT' });
    await setLimit(source, 'max_order_notional', '1', { asset: 'USDT', venue: 'live' });
    const small = intent({ source, quantity: '0.0005' }); // 25 USDT
    const big = intent({ source }); // 0.001 × 50000 = 50 USDT
    await s.publish(small);
    expect((await finished(small)).state).toBe('NEW');
    await s.publish(big);
    const row = await expectRefused(big, 'max_order_notional');
    expect(row.reject_message).toBe(
      `Risk limit max_order_notional breached: the order's value 50 USDT is above the limit of 40 USDT for strategy ${source} on paper. Nothing was sent.`,
    );
    const audit = await s.t.db
      .selectFrom('audit.log')
      .select('details')
      .where('kind', '=', 'execution.intent_refused')
      .where('subject', '=', big.intentId)
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ code: 'RISK_LIMIT', details: { actual: '50' } });
  });

  it('price_collar_pct: a LIMIT too far from the reference price is refused (fat finger)', async () => {
    const source = newSource();
    await setLimit(source, 'price_collar_pct', '10');
    await setLimit(source, 'max_order_notional', '1000', { asset: 'USDT' }); // in force, not breached
    const near = intent({ source, price: '59000.00' });
    const far = intent({ source, price: '50000.00' }); // the simulator's BTCUSDT is at 60000
    await s.publish(near);
    expect((await finished(near)).state).toBe('NEW');
    await s.publish(far);
    const row = await expectRefused(far, 'price_collar_pct');
    expect(row.reject_message).toContain(
      'the price 50000 is 16.67% from the reference price 60000, the collar is 10%',
    );
  });

  it('max_open_orders: the strategy may not have more orders open than the limit', async () => {
    const source = newSource();
    await setLimit(source, 'max_open_orders', '2');
    const [a, b, c] = [intent({ source }), intent({ source }), intent({ source })];
    for (const i of [a, b]) {
      await s.publish(i);
      expect((await finished(i)).state).toBe('NEW');
    }
    await s.publish(c);
    const row = await expectRefused(c, 'max_open_orders');
    expect(row.reject_message).toContain(`2 orders of strategy ${source} are open on paper`);
    // Another strategy is not counted.
    const other = intent({ source: newSource() });
    await s.publish(other);
    expect((await finished(other)).state).toBe('NEW');
  });

  it('max_orders_per_second: orders sent in the last second (database clock) count', async () => {
    const source = newSource();
    await setLimit(source, 'max_orders_per_second', '1');
    const first = intent({ source });
    await s.publish(first);
    expect((await finished(first)).state).toBe('NEW');
    // Dated ahead, so the test does not race the clock: "sent within the last second" for a while.
    await sql`update execution.orders set last_sent_at = now() + interval '1 minute'
      where intent_id = ${first.intentId}`.execute(s.t.db);
    const second = intent({ source });
    await s.publish(second);
    const row = await expectRefused(second, 'max_orders_per_second');
    expect(row.reject_message).toContain('1 orders of strategy');
    await sql`update execution.orders set last_sent_at = now() - interval '2 seconds'
      where intent_id = ${first.intentId}`.execute(s.t.db);
    const third = intent({ source });
    await s.publish(third);
    expect((await finished(third)).state).toBe('NEW');
  });

  it('max_position: fills and open orders of the base asset count; an order that reduces passes', async () => {
    const source = newSource();
    await setLimit(source, 'max_position', '0.0015', { asset: 'BTC' });
    const bought = marketBuy({ source });
    await s.publish(bought);
    expect((await finished(bought)).state).toBe('FILLED');
    const more = marketBuy({ source, quoteOrderQty: '60', quantity: undefined });
    await s.publish(more);
    const row = await expectRefused(more, 'max_position');
    expect(row.reject_message).toMatch(
      new RegExp(
        `the BTC position of strategy ${source} on paper would be 0\\.002 \\(filled 0\\.001, open 0, this order 0\\.001\\) and the limit is 0\\.0015`,
      ),
    );
    const sell = marketBuy({ source, side: 'SELL', quantity: '0.001' });
    await s.publish(sell);
    expect((await finished(sell)).state).toBe('FILLED');
  });

  it("max_position: another strategy's fill under the same intentId is not counted (fills join orders by the pair)", async () => {
    const mine = newSource();
    const other = newSource();
    await setLimit(mine, 'max_position', '0.0015', { asset: 'BTC' });
    const shared = marketBuy({ source: other });
    await s.publish(shared);
    expect((await finished(shared)).state).toBe('FILLED');
    const ownSameId = marketBuy({ source: mine, intentId: shared.intentId });
    await s.publish(ownSameId);
    const filledOf = (source: string) =>
      waitFor(`${source}/${shared.intentId} FILLED`, async () => {
        const row = await s.t.db
          .selectFrom('execution.orders')
          .select('state')
          .where('intent_id', '=', shared.intentId)
          .where('source', '=', source)
          .executeTakeFirst();
        return row?.state === 'FILLED' ? row : undefined;
      });
    await filledOf(mine);
    // Position 0.001 + 0.0004 = 0.0014 ≤ 0.0015; counting the other strategy's fill would make it 0.0024.
    const small = marketBuy({ source: mine, quantity: '0.0004' });
    await s.publish(small);
    expect((await finished(small)).state).toBe('FILLED');
  });

  it("a venue default (source *) limits every strategy without its own; a strategy's own limit wins", async () => {
    const plain = newSource();
    const own = newSource();
    await setLimit('*', 'max_order_notional', '10', { asset: 'USDT' });
    try {
      await setLimit(own, 'max_order_notional', '100', { asset: 'USDT' });
      const refused = intent({ source: plain });
      await s.publish(refused);
      const row = await expectRefused(refused, 'max_order_notional');
      expect(row.reject_message).toContain(
        `above the limit of 10 USDT for strategy ${plain} on paper. The limit is the paper default for every strategy without its own.`,
      );
      const allowed = intent({ source: own });
      await s.publish(allowed);
      expect((await finished(allowed)).state).toBe('NEW');
    } finally {
      await s.t.db.deleteFrom('risk.limits').where('source', '=', '*').execute();
    }
  });

  it('pause_after_breaches: repeated breaches pause the strategy (STRATEGY_PAUSED, audited) until an operator resumes it', async () => {
    const source = newSource();
    await setLimit(source, 'max_order_notional', '10', { asset: 'USDT' });
    await setLimit(source, 'pause_after_breaches', '2');
    for (let n = 0; n < 2; n += 1) {
      const big = intent({ source });
      await s.publish(big);
      await expectRefused(big, 'max_order_notional');
    }
    const pause = await s.t.db
      .selectFrom('risk.paused')
      .selectAll()
      .where('source', '=', source)
      .executeTakeFirstOrThrow();
    expect(pause).toMatchObject({ venue: 'paper', breaches: 2 });
    expect(pause.reason).toContain('2 risk limit breaches within 60 s');
    const audit = await s.t.db
      .selectFrom('audit.log')
      .select(['actor', 'subject', 'details'])
      .where('kind', '=', 'risk.strategy_paused')
      .where('subject', '=', `paper/${source}`)
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ venue: 'paper', source, breaches: 2 });

    // Within every limit now, yet refused while paused; the venue sees nothing.
    await s.t.db.deleteFrom('risk.limits').where('source', '=', source).execute();
    const fine = intent({ source });
    await s.publish(fine);
    const row = await finished(fine);
    expect(row).toMatchObject({ state: 'REJECTED', reject_code: 'STRATEGY_PAUSED' });
    expect(row.reject_message).toContain(`Strategy ${source} is paused on paper`);
    expect(await simOrdersOf(fine)).toEqual([]);

    await s.t.db.deleteFrom('risk.paused').where('source', '=', source).execute();
    const resumed = intent({ source });
    await s.publish(resumed);
    expect((await finished(resumed)).state).toBe('NEW');
  });

  it('an intent that went stale during the venue reads is refused STALE in the fence, before the limits', async () => {
    const source = newSource();
    await setLimit(source, 'max_order_notional', '1', { asset: 'USDT' });
    await s.sim.admin.injectFault({
      kind: 'latency',
      path: '/api/v3/ticker/price',
      method: 'GET',
      count: 1,
      delayMs: 2_000,
    });
    // 29 s old when stored (the max age is 30 s), over 30 s when the fence runs.
    const i = marketBuy({ source, createdAt: new Date(Date.now() - 29_000).toISOString() });
    await s.publish(i);
    const row = await finished(i);
    expect(row).toMatchObject({ state: 'REJECTED', reject_code: 'STALE' });
    expect(row.reject_message).toMatch(/^The order was not sent\. /);
    expect(await simOrdersOf(i)).toEqual([]);
  });

  it('race: two intents at once under max_open_orders 1 on two instances — exactly one is sent', async () => {
    const source = newSource();
    await setLimit(source, 'max_open_orders', '1');
    let reached!: () => void;
    let release!: () => void;
    const atFence = new Promise<void>((r) => (reached = r));
    hold = { reached, release: new Promise<void>((r) => (release = r)) };
    const [a, b] = [intent({ source }), intent({ source })];
    await Promise.all([s.publish(a), s.publish(b)]);
    await atFence; // the first has counted 0 open orders and has not committed yet
    // The second fenced step waits on the (venue, source) lock instead of counting 0 too (without
    // the lock it would pass and rest on the venue: the states below would be NEW, NEW).
    await waitFor('the second fence waiting on the risk lock, or its order sent', async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_locks
        where locktype = 'advisory' and not granted`.execute(s.t.db);
      const sent = await Promise.all([a, b].map(async (i) => (await s.row(i.intentId))?.state));
      return (rows[0]?.n ?? 0) >= 1 || sent.includes('NEW');
    });
    release();
    const rows = await Promise.all([finished(a), finished(b)]);
    expect(rows.map((r) => r.state).sort()).toEqual(['NEW', 'REJECTED']);
    expect(rows.find((r) => r.state === 'REJECTED')?.reject_code).toBe('RISK_LIMIT');
    expect(await simOrdersOf(a, b)).toHaveLength(1);
  });

  it('race: two breaches at once on two instances reaching pause_after_breaches 1 — one pause, audited once', async () => {
    const source = newSource();
    await setLimit(source, 'max_order_notional', '10', { asset: 'USDT' });
    await setLimit(source, 'pause_after_breaches', '1');
    let reached!: () => void;
    let release!: () => void;
    const atFence = new Promise<void>((r) => (reached = r));
    hold = { reached, release: new Promise<void>((r) => (release = r)) };
    const [a, b] = [intent({ source }), intent({ source })];
    await Promise.all([s.publish(a), s.publish(b)]);
    await atFence; // the first has paused the strategy and has not committed yet
    // The second counts its own breach, tries to pause too and waits on the first's pause row.
    await waitFor('the second pause waiting on the first', async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_locks l
        join pg_stat_activity a on a.pid = l.pid
        where not l.granted and a.datname = current_database()`.execute(s.t.db);
      return (rows[0]?.n ?? 0) >= 1;
    });
    release();
    const rows = await Promise.all([finished(a), finished(b)]);
    expect(rows.map((r) => r.reject_code)).toEqual(['RISK_LIMIT', 'RISK_LIMIT']);
    const audits = await s.t.db
      .selectFrom('audit.log')
      .select('id')
      .where('kind', '=', 'risk.strategy_paused')
      .where('subject', '=', `paper/${source}`)
      .execute();
    expect(audits).toHaveLength(1);
    expect(
      await s.t.db
        .selectFrom('risk.paused')
        .select('breaches')
        .where('source', '=', source)
        .execute(),
    ).toEqual([{ breaches: 1 }]);
  });
});
