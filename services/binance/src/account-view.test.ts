import { createLogger } from '@livegate/runtime';
import { describe, expect, it } from 'vitest';
import type { AccountInfo } from './account.js';
import { createAccountView } from './account-view.js';
import type { QueryOutcome } from './outcome.js';
import type { AccountPosition, BalanceUpdate } from './user-data-events.js';

const logger = createLogger({ service: 'account-view-test', level: 'silent' });
const info = (updateTime: number, usdt = '100'): AccountInfo => ({
  canTrade: true,
  updateTime,
  takerRate: '0.001',
  balances: new Map([['USDT', { asset: 'USDT', free: usdt, locked: '0' }]]),
});
const position = (updateTime: number, asset: string, free: string): AccountPosition => ({
  kind: 'accountPosition',
  eventTime: updateTime,
  updateTime,
  balances: [{ asset, free, locked: '1' }],
});
const deposit = (clearTime: number, asset: string, delta: string): BalanceUpdate => ({
  kind: 'balanceUpdate',
  eventTime: clearTime,
  asset,
  delta,
  clearTime,
});

/** A view whose snapshots the test answers one by one. */
function harness() {
  const answers: Array<(r: QueryOutcome<AccountInfo>) => void> = [];
  let live = true;
  const changes: string[] = [];
  const view = createAccountView({
    now: () => 7,
    logger,
    live: () => live,
    onChange: (a) => changes.push(a.balances.get('USDT')?.free ?? '-'),
    snapshot: () => new Promise((resolve) => answers.push(resolve)),
  });
  const usdt = () => view.current()?.value.balances.get('USDT');
  return { view, answers, usdt, changes, setLive: (v: boolean) => (live = v) };
}

describe('account view', () => {
  it('serves nothing before its first snapshot, nor while the stream is down', async () => {
    const { view, answers, setLive } = harness();
    view.onEvent(position(1, 'USDT', '5')); // no base yet: dropped
    setLive(false);
    expect(view.current()).toBeUndefined();
    expect(answers).toHaveLength(0);
    setLive(true);
    const synced = view.resync();
    expect(view.synced()).toBe(false);
    answers[0]?.({ kind: 'ok', value: info(10) });
    await synced;
    expect(view.current()).toEqual({ value: info(10), loadedAt: 7 });
    setLive(false);
    expect([view.current(), view.synced()]).toEqual([undefined, false]);
  });

  it('applies the deltas kept during the snapshot that are not older than it', async () => {
    const { view, answers, usdt, changes } = harness();
    const synced = view.resync();
    view.onEvent(position(9, 'USDT', '1')); // older than the snapshot: dropped
    view.onEvent(deposit(10, 'USDT', '50')); // cleared at the snapshot's time: in it already
    view.onEvent(position(10, 'BTC', '2')); // at its time: kept (absolute)
    view.onEvent(deposit(11, 'ETH', '3')); // a new asset
    view.onEvent({
      kind: 'executionReport',
    } as never); // not an account event
    answers[0]?.({ kind: 'ok', value: info(10) });
    await synced;
    expect(usdt()).toEqual({ asset: 'USDT', free: '100', locked: '0' });
    const balances = view.current()?.value.balances;
    expect(balances?.get('BTC')).toEqual({ asset: 'BTC', free: '2', locked: '1' });
    expect(balances?.get('ETH')).toEqual({ asset: 'ETH', free: '3', locked: '0' });
    view.onEvent(deposit(12, 'USDT', '-250')); // a withdrawal beyond free: never below zero
    expect(usdt()?.free).toBe('0');
    // Told once for the snapshot with its kept deltas, then once per delta.
    expect(changes).toEqual(['100', '0']);
  });

  it('a failed snapshot serves nothing; the next ask takes one; only the newest resync counts', async () => {
    const { view, answers, usdt, changes } = harness();
    view.onEvent(position(1, 'USDT', '5')); // no snapshot yet: dropped, nobody told
    const first = view.resync();
    answers[0]?.({ kind: 'rate-limited', retryAfterMs: 1, banned: false, message: 'busy' });
    await first;
    expect(view.current()).toBeUndefined(); // ...and starts a new snapshot
    expect(answers).toHaveLength(2);
    const newer = view.resync();
    answers[1]?.({ kind: 'ok', value: info(1, '1') }); // superseded
    answers[2]?.({ kind: 'ok', value: { ...info(2, '2'), updateTime: undefined } });
    await newer;
    expect(usdt()?.free).toBe('2');
    expect(changes).toEqual(['2']); // neither the failed nor the superseded snapshot is told
  });
});
