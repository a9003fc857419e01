import { recordStreamBalances } from '@livegate/db';
import type { ReconcileVenue } from '@livegate/reconciler';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReconcileStack, waitFor, type ReconcileStack } from './fixture.js';

let s: ReconcileStack;
beforeAll(async () => {
  s = await startReconcileStack();
});
afterAll(async () => {
  await s.stop();
});
beforeEach(async () => {
  await s.sim.admin.clearFaults();
});

const stored = (venue: 'paper' | 'live') =>
  s.t.db
    .selectFrom('money.balances')
    .select(['asset', 'free', 'locked'])
    .where('venue', '=', venue)
    .orderBy('asset')
    .execute();
const accountReads = async (apiKey: string) =>
  (await s.sim.admin.requests({ apiKey })).filter((r) => r.path === '/api/v3/account').length;
const paperWith = (patch: Partial<ReconcileVenue>) => ({
  venues: { paper: { ...s.adapters.paper, ...patch } },
});
const hasLog = (msg: string) => () => s.logLines.some((l) => l.includes(`"msg":"${msg}"`));

/** A decimal string without trailing zeros (`1.50000000` → `1.5`); `isZero` for `0.00000000`. */
const norm = (d: string) => d.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
const isZero = (d: string) => /^0+(\.0+)?$/.test(d);

/** The simulator's own view of an account, as stored rows (non-zero assets, numerically). */
async function simBalances(apiKey: string) {
  const view = await s.sim.admin.account(apiKey);
  return Object.entries(view.balances)
    .filter(([, b]) => !isZero(b.free) || !isZero(b.locked))
    .map(([asset, b]) => ({ asset, free: b.free, locked: b.locked }))
    .sort((a, b) => a.asset.localeCompare(b.asset));
}
const numeric = (rows: Array<{ asset: string; free: string; locked: string }>) =>
  rows.map((r) => [r.asset, norm(r.free), norm(r.locked)]);

describe('reconcile - balances snapshot (money on screen)', () => {
  it('reads each venue account exactly once per run and stores its non-zero balances', async () => {
    await s.sim.admin.fund({ apiKey: s.paper.apiKey, asset: 'BNB', amount: '3.5' });
    // A resting buy locks quote: free and locked both show.
    await s.place('paper', { intentId: 'bal-1' });
    const before = {
      paper: await accountReads(s.paper.apiKey),
      live: await accountReads(s.live.apiKey),
    };
    const reports = await s.reconciler().request({ trigger: 'operator', allSymbols: true });
    expect(reports.map((r) => r.venue).sort()).toEqual(['live', 'paper']);
    expect(await accountReads(s.paper.apiKey)).toBe(before.paper + 1);
    expect(await accountReads(s.live.apiKey)).toBe(before.live + 1);
    const paper = await stored('paper');
    expect(numeric(paper)).toEqual(numeric(await simBalances(s.paper.apiKey)));
    expect(paper.find((b) => b.asset === 'BNB')?.free).toMatch(/^3\.5/);
    expect(paper.some((b) => !isZero(b.locked))).toBe(true);
    expect(numeric(await stored('live'))).toEqual(numeric(await simBalances(s.live.apiKey)));
    const snaps = await s.t.db.selectFrom('money.balance_snapshots').selectAll().execute();
    expect(snaps.map((r) => r.venue).sort()).toEqual(['live', 'paper']);
  });

  it('keeps the last snapshot when the account read fails, and the run itself is unaffected', async () => {
    await s.reconciler(paperWith({})).request({ trigger: 'operator' });
    const last = await stored('paper');
    await s.sim.admin.fund({ apiKey: s.paper.apiKey, asset: 'ETH', amount: '1' });
    await s.sim.admin.injectFault({ kind: '5xx-before-accept', count: 1, path: '/api/v3/account' });
    const [unknown] = await s.reconciler(paperWith({})).request({ trigger: 'operator' });
    expect(unknown).toMatchObject({ errors: [], unresolved: 0 });
    await waitFor('the failed snapshot to be logged', hasLog('the balances snapshot failed'));
    expect(await stored('paper')).toEqual(last);

    const refusing = paperWith({
      account: async () => ({ kind: 'rejected', source: 'venue', code: -1100, message: 'No.' }),
    });
    const [refused] = await s.reconciler(refusing).request({ trigger: 'operator' });
    expect(refused).toMatchObject({ errors: [], unresolved: 0 });
    await waitFor('the refused read to be logged', hasLog('the account could not be read'));

    const throwing = paperWith({
      account: async () => {
        throw new Error('socket gone');
      },
    });
    const [thrown] = await s.reconciler(throwing).request({ trigger: 'operator' });
    expect(thrown?.errors).toEqual([]);
    expect(s.logLines.some((l) => l.includes('Error: socket gone'))).toBe(true);
    expect(await stored('paper')).toEqual(last);
  });

  it('never stores its read over a stream change stored while the read was in flight', async () => {
    // Execution stores a change of the account stream after the read was sent: the answer may not
    // hold it, so the reconciler's older picture must not replace it (the snapshot is timed at the
    // read's sending, not at its answer).
    const streamed = [{ asset: 'USDT', free: '4242', locked: '0' }];
    const racing = paperWith({
      account: async () => {
        await recordStreamBalances(s.t.db, 'paper', streamed);
        return s.adapters.paper.account();
      },
    });
    const [report] = await s.reconciler(racing).request({ trigger: 'operator' });
    expect(report?.errors).toEqual([]);
    await waitFor('the refused snapshot to be logged', hasLog('balances snapshot'));
    expect(await stored('paper')).toEqual(streamed);
    // The next run's read, sent after the stream's write, replaces it.
    await s.reconciler(paperWith({})).request({ trigger: 'operator' });
    expect(numeric(await stored('paper'))).toEqual(numeric(await simBalances(s.paper.apiKey)));
  });

  it('does not read the account of a venue the run could not work with', async () => {
    const before = await accountReads(s.paper.apiKey);
    await s.sim.admin.injectFault({
      kind: '5xx-before-accept',
      count: 1,
      path: '/api/v3/openOrders',
    });
    const [failed] = await s.reconciler(paperWith({})).request({
      trigger: 'operator',
      allSymbols: true,
    });
    expect(failed?.errors.map((e) => e.code)).toEqual(['VENUE_UNAVAILABLE']);
    expect(await accountReads(s.paper.apiKey)).toBe(before);
  });
});
