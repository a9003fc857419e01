import { subscribeBalancesStored } from '@livegate/bus';
import type { BalancesStored } from '@livegate/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intent, startStack, waitFor, type Stack } from './fixture.js';

/**
 * Balances from the account stream (issue 13): execution's adapter keeps the account view from the
 * user data stream, and every change of it reaches money.balances with no venue request of its own.
 */
let s: Stack;
const notices: BalancesStored[] = [];
let unsubscribe: () => void;
beforeAll(async () => {
  s = await startStack();
  unsubscribe = subscribeBalancesStored(s.bus, s.logger, (n) => notices.push(n));
  await s.startExecution({ venues: { paper: { wsApiUrl: s.sim.wsApiUrl } } });
  // The view's own snapshot at subscription is stored at once.
  await waitFor('the first stream snapshot stored', () => stored('USDT'), { timeoutMs: 10_000 });
});
afterAll(async () => {
  unsubscribe();
  await s.stop();
});

async function stored(asset: string): Promise<string | undefined> {
  const row = await s.t.db
    .selectFrom('money.balances')
    .select('free')
    .where('venue', '=', 'paper')
    .where('asset', '=', asset)
    .executeTakeFirst();
  return row?.free;
}
const num = (d: string | undefined) => (d === undefined ? undefined : Number(d));
const accountReads = () => s.simRequests('paper', '/api/v3/account');

describe('execution - balances from the account stream', () => {
  it('a deposit at the venue changes the stored balance within a second, without a REST read', async () => {
    const reads = await accountReads();
    const before = num(await stored('ETH')) as number;
    const from = notices.length;
    await s.sim.admin.fund({ apiKey: s.paper.apiKey, asset: 'ETH', amount: '5' });
    await waitFor('the deposit stored', async () => num(await stored('ETH')) === before + 5, {
      timeoutMs: 1_000,
      everyMs: 10,
    });
    expect(await accountReads()).toBe(reads);
    // The gateway is told (core NATS), with the write's time.
    await waitFor('the notice', () => notices.length > from);
    expect(notices.at(-1)).toMatchObject({ venue: 'paper', takenAt: expect.any(String) });
  });

  it('a fill at the venue changes the stored balances within a second, without a REST read', async () => {
    const i = intent({ quantity: '0.5' });
    await s.publish(i);
    const row = await s.rowWhen(i.intentId, (r) => r.state === 'NEW');
    // The resting buy locks its quote: the lock is stored from the stream too.
    await waitFor('the lock stored', async () => {
      const locked = await s.t.db
        .selectFrom('money.balances')
        .select('locked')
        .where('venue', '=', 'paper')
        .where('asset', '=', 'USDT')
        .executeTakeFirst();
      return num(locked?.locked) === 25_000;
    });
    const reads = await accountReads();
    const btc = num(await stored('BTC')) as number;
    await s.sim.admin.fillOrder(Number(row.exchange_order_id));
    // 0.5 BTC bought, less the venue's commission in BTC.
    await waitFor(
      'the fill stored',
      async () => (num(await stored('BTC')) as number) > btc + 0.49,
      {
        timeoutMs: 1_000,
        everyMs: 10,
      },
    );
    expect(await accountReads()).toBe(reads);
  });

  it('the live venue without a stream stores nothing of its own', async () => {
    const live = await s.t.db
      .selectFrom('money.balance_snapshots')
      .select('venue')
      .where('venue', '=', 'live')
      .execute();
    expect(live).toEqual([]);
  });
});
