import {
  createVenueAdapters,
  openUserDataStream,
  type ExecutionReport,
  type ResyncReason,
  type UserDataEvent,
  type UserDataStream,
} from '@livegate/binance';
import { announceCommitted } from '@livegate/bus';
import { createDb } from '@livegate/db';
import {
  adapterUserStream,
  createFillFeed,
  type FillFeed,
  type FillFeedOptions,
  type UserStreamHandlers,
  type Venues,
} from '@livegate/execution';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFreezingProxy } from '../venue/freezing-proxy.js';
import { intent, startStack, waitFor, type Stack } from './fixture.js';

let s: Stack;
const venue = (name: 'paper' | 'live', account: { apiKey: string; apiSecret: string }) => ({
  name,
  baseUrl: s.sim.url,
  ...account,
  recvWindowMs: 5_000,
  timeoutMs: 2_000,
  marketPriceSource: 'tickerPrice' as const,
});
let adapters: Venues;
let capture: UserDataStream;
const captured: UserDataEvent[] = [];
const feeds: FillFeed[] = [];
const closers: Array<() => void> = [];

beforeAll(async () => {
  s = await startStack();
  // Execution without a user stream: rows change only through the feeds this file drives.
  await s.startExecution();
  capture = openUserDataStream({
    url: s.sim.wsApiUrl,
    ...s.paper,
    logger: s.logger,
    onEvent: (e) => captured.push(e),
    onResync: () => {},
  });
  await waitFor('the capturing stream subscribed', () => capture.live);
  adapters = createVenueAdapters({
    venues: { paper: venue('paper', s.paper), live: venue('live', s.live) },
    logger: s.logger,
  });
});
afterAll(async () => {
  adapters.paper.close();
  adapters.live.close();
  for (const feed of feeds) await feed.stop();
  for (const close of closers) close();
  await capture.close();
  await s.stop();
});

/** A feed whose stream is this test's hand: it gets exactly the (real, captured) events pushed. */
async function handFeed(options: Partial<FillFeedOptions> = {}) {
  let handlers: UserStreamHandlers | undefined;
  const feed = createFillFeed({
    db: s.as('execution'),
    publisher: { announce: ({ events }) => announceCommitted(s.bus, { events }) },
    now: Date.now,
    venueName: 'paper',
    venue: adapters.paper,
    stream: {
      start: async (h) => {
        handlers = h;
      },
      stop: async () => {},
    },
    logger: s.logger.child({ feed: 'hand' }),
    ...options,
  });
  await feed.start();
  feeds.push(feed);
  return {
    feed,
    push: (...events: UserDataEvent[]) => {
      for (const e of events) handlers?.onEvent(e);
      return feed.idle();
    },
    resync: (reason: ResyncReason) => {
      handlers?.onResync(reason);
      return feed.idle();
    },
  };
}

async function resting(quantity = '0.001') {
  const i = intent({ quantity });
  await s.publish(i);
  const row = await s.rowWhen(i.intentId, (r) => r.state === 'NEW');
  return { intentId: i.intentId, orderId: Number(row.exchange_order_id) };
}

function reportsOf(orderId: number, executionType: string, count = 1) {
  return waitFor(`${count} ${executionType} report(s) of ${orderId}`, () => {
    const found = captured.filter(
      (e): e is ExecutionReport =>
        e.kind === 'executionReport' &&
        e.order.orderId === String(orderId) &&
        e.executionType === executionType,
    );
    return found.length >= count && found;
  });
}

const fillsOf = (intentId: string) =>
  s.t.db.selectFrom('execution.fills').selectAll().where('intent_id', '=', intentId).execute();

async function storedEvents(intentId: string, type: string) {
  const { rows } = await sql<{ state: string; payload: { fills?: unknown[] } }>`
    select state, payload from execution.order_events
    where intent_id = ${intentId} and type = ${type} order by at, id`.execute(s.t.db);
  return rows;
}

const leaseRow = (intentId: string, holder: string | null) =>
  s.t.db
    .updateTable('execution.orders')
    .set({
      lease_holder: holder,
      lease_expires_at: holder === null ? null : sql<Date>`now() + interval '1 hour'`,
    })
    .where('intent_id', '=', intentId)
    .execute();

describe('fill feed - applying reports', () => {
  it('repeated and out-of-order reports: each trade stored once, the row never moves back', async () => {
    const hand = await handFeed();
    const { intentId, orderId } = await resting('0.002');
    await s.sim.admin.fillOrder(orderId, { qty: '0.001' });
    await s.sim.admin.fillOrder(orderId);
    const [t1, t2] = (await reportsOf(orderId, 'TRADE', 2)) as [ExecutionReport, ExecutionReport];
    const [placed] = (await reportsOf(orderId, 'NEW')) as [ExecutionReport];
    expect(await s.row(intentId)).toMatchObject({ state: 'NEW' });

    // The last trade first, while its order's trades cannot be read: the row moves to FILLED with
    // that one trade; the missing one is read on the next report of the order.
    await s.sim.admin.injectFault({ kind: '5xx-before-accept', path: '/api/v3/myTrades' });
    await hand.push(t2);
    expect(await fillsOf(intentId)).toHaveLength(1);
    expect(s.logLines.some((l) => l.includes('trades not read'))).toBe(true);
    await hand.push(t2, t1, placed, t1);

    expect(await s.row(intentId)).toMatchObject({ state: 'FILLED', executed_qty: '0.00200000' });
    expect((await fillsOf(intentId)).map((f) => f.trade_id).sort()).toEqual(
      [t1.fill?.tradeId, t2.fill?.tradeId].sort(),
    );
    const updates = await storedEvents(intentId, 'order.updated');
    expect(updates.map((e) => [e.state, e.payload.fills?.length])).toEqual([
      ['FILLED', 1],
      ['FILLED', 1],
    ]);

    // Everything again, twice: nothing new.
    await hand.push(t1, t2, placed, t2, t1);
    expect(await fillsOf(intentId)).toHaveLength(2);
    expect(await storedEvents(intentId, 'order.updated')).toHaveLength(2);
  });

  it('reports of orders that are not ours and other events change nothing', async () => {
    const hand = await handFeed();
    const { intentId, orderId } = await resting();
    const [placed] = (await reportsOf(orderId, 'NEW')) as [ExecutionReport];
    const foreign: ExecutionReport = {
      ...placed,
      executionType: 'CANCELED',
      order: { ...placed.order, clientOrderId: 'web_someone_else', status: 'CANCELED' },
    };
    const position = captured.find((e) => e.kind === 'accountPosition') as UserDataEvent;
    await hand.push(foreign, position);
    expect(await s.row(intentId)).toMatchObject({ state: 'NEW' });
  });

  it('a venue REJECTED report ends the row with order.rejected; a SUBMITTING row learns its order (order.submitted)', async () => {
    const hand = await handFeed();
    const a = await resting();
    const b = await resting();
    const [aNew] = (await reportsOf(a.orderId, 'NEW')) as [ExecutionReport];
    const [bNew] = (await reportsOf(b.orderId, 'NEW')) as [ExecutionReport];
    await hand.push({ ...aNew, order: { ...aNew.order, status: 'REJECTED' } });
    expect(await s.row(a.intentId)).toMatchObject({ state: 'REJECTED' });
    expect(await storedEvents(a.intentId, 'order.rejected')).toHaveLength(1);

    await s.t.db
      .updateTable('execution.orders')
      .set({ state: 'SUBMITTING', exchange_order_id: null })
      .where('intent_id', '=', b.intentId)
      .execute();
    await hand.push(bNew);
    expect(await s.row(b.intentId)).toMatchObject({
      state: 'NEW',
      exchange_order_id: String(b.orderId),
    });
    expect(await storedEvents(b.intentId, 'order.submitted')).toHaveLength(2);
  });

  it('a row an instance is placing (live lease) waits for the lease; one leased too long is left', async () => {
    const hand = await handFeed({ leaseRetryMs: 10 });
    const a = await resting();
    await leaseRow(a.intentId, 'another-instance');
    await s.sim.admin.cancelOrder(a.orderId);
    const [canceled] = (await reportsOf(a.orderId, 'CANCELED')) as [ExecutionReport];
    await hand.push(canceled);
    expect(await s.row(a.intentId)).toMatchObject({ state: 'NEW' });
    await leaseRow(a.intentId, null);
    await s.rowWhen(a.intentId, (r) => r.state === 'CANCELED', 5_000);

    const impatient = await handFeed({ leaseRetryMaxMs: -1 });
    const b = await resting();
    await leaseRow(b.intentId, 'another-instance');
    await s.sim.admin.cancelOrder(b.orderId);
    const [bCanceled] = (await reportsOf(b.orderId, 'CANCELED')) as [ExecutionReport];
    await impatient.push(bCanceled);
    expect(await s.row(b.intentId)).toMatchObject({ state: 'NEW' });
    expect(s.logLines.some((l) => l.includes('row stayed leased'))).toBe(true);

    // Stopping drops a retry that waits for a lease.
    const slow = await handFeed({ leaseRetryMs: 60_000 });
    await slow.push(bCanceled);
    await slow.feed.stop();
    expect(await s.row(b.intentId)).toMatchObject({ state: 'NEW' });
    await leaseRow(b.intentId, null);
  });
});

describe('fill feed - resync after a gap', () => {
  it('looks the open rows up: a fill the stream missed is found with its trades; an unreadable trade list waits for the next resync', async () => {
    const hand = await handFeed();
    const { intentId, orderId } = await resting();
    const gone = await resting();
    await s.t.db
      .updateTable('execution.orders')
      .set({ client_order_id: `lg-nowhere-${gone.intentId}` })
      .where('intent_id', '=', gone.intentId)
      .execute();
    await s.sim.admin.fillOrder(orderId);
    await s.sim.admin.injectFault({ kind: '5xx-before-accept', path: '/api/v3/myTrades' });
    await hand.resync('resubscribed');
    expect(await s.row(intentId)).toMatchObject({ state: 'NEW' });
    await hand.resync('missed-events');
    expect(await s.row(intentId)).toMatchObject({ state: 'FILLED' });
    expect(await fillsOf(intentId)).toHaveLength(1);
    expect(await s.row(gone.intentId)).toMatchObject({ state: 'NEW' });
  });

  it('looks up at most resyncLimit rows and says the reconciler covers the rest', async () => {
    const hand = await handFeed({ resyncLimit: 0 });
    await resting();
    await hand.resync('resubscribed');
    expect(s.logLines.some((l) => l.includes('more open orders than a resync looks up'))).toBe(
      true,
    );
  });
});

describe('fill feed - failures and stop', () => {
  it('a report that cannot be applied is logged; after stop nothing is taken', async () => {
    // A database nobody listens on: every transaction fails.
    const db = createDb({ url: 'postgres://execution@127.0.0.1:1/nowhere', max: 1 });
    const hand = await handFeed({ db });
    const { orderId } = await resting();
    const [placed] = (await reportsOf(orderId, 'NEW')) as [ExecutionReport];
    await hand.push(placed);
    expect(s.logLines.some((l) => l.includes('user stream: a report failed'))).toBe(true);
    await hand.feed.stop();
    const before = s.logLines.length;
    await hand.push(placed);
    expect(s.logLines.slice(before).some((l) => l.includes('a report failed'))).toBe(false);
    await db.destroy();
  });

  it("the adapter's stream source: a resync at start, every event while listening, none after stop", async () => {
    const both = createVenueAdapters({
      venues: {
        paper: { ...venue('paper', s.paper), wsApiUrl: s.sim.wsApiUrl },
        live: venue('live', s.live),
      },
      logger: s.logger,
    });
    const streamed = both.paper;
    const reasons: ResyncReason[] = [];
    const heard: UserDataEvent[] = [];
    const source = adapterUserStream(streamed);
    await source.start({ onEvent: (e) => heard.push(e), onResync: (r) => reasons.push(r) });
    expect(reasons[0]).toBe('subscribed');
    await waitFor('the adapter subscribed', () => streamed.streamStatus().userData === 'live');
    await s.sim.admin.fund({ apiKey: s.paper.apiKey, asset: 'USDT', amount: '1' });
    await waitFor('the deposit heard', () => heard.some((e) => e.kind === 'balanceUpdate'));
    await source.stop();
    const count = heard.length;
    const seen = captured.length;
    await s.sim.admin.fund({ apiKey: s.paper.apiKey, asset: 'USDT', amount: '1' });
    // The capturing stream (same account) hears the second deposit; the stopped source does not.
    await waitFor('the capture heard the deposit', () =>
      captured.slice(seen).some((e) => e.kind === 'balanceUpdate'),
    );
    expect(heard).toHaveLength(count);
    both.paper.close();
    both.live.close();
  });
});

describe('fill feed - a half-open user data stream', () => {
  it('a frozen connection is dropped after the silence bound; the resync finds the fill made meanwhile', async () => {
    const simPort = Number(new URL(s.sim.url).port);
    const proxy = await startFreezingProxy({ host: '127.0.0.1', port: simPort });
    try {
      // The adapter's user data stream through the proxy, with a short silence bound.
      const frozen = createVenueAdapters({
        venues: {
          paper: {
            ...venue('paper', s.paper),
            wsApiUrl: `ws://${proxy.hostPort}/ws-api/v3`,
            streamSilenceMs: 300,
          },
          live: venue('live', s.live),
        },
        logger: s.logger,
      });
      closers.push(() => {
        frozen.paper.close();
        frozen.live.close();
      });
      const feed = createFillFeed({
        db: s.as('execution'),
        publisher: { announce: ({ events }) => announceCommitted(s.bus, { events }) },
        now: Date.now,
        venueName: 'paper',
        venue: adapters.paper,
        stream: adapterUserStream(frozen.paper),
        logger: s.logger.child({ feed: 'frozen' }),
      });
      await feed.start();
      feeds.push(feed);
      await waitFor('the feed subscribed', () => frozen.paper.streamStatus().userData === 'live');
      // The resyncs of the start and of the subscription are done: only a reconnect's can find the fill.
      await feed.idle();
      const { intentId, orderId } = await resting();
      proxy.freeze();
      await s.sim.admin.fillOrder(orderId);
      // Without our own bound nothing would ever reach the row: the connection stays open, silent.
      expect(await s.rowWhen(intentId, (r) => r.state === 'FILLED', 5_000)).toMatchObject({
        state: 'FILLED',
      });
      expect(await fillsOf(intentId)).toHaveLength(1);
      expect(proxy.accepted()).toBe(2);
    } finally {
      await proxy.close();
    }
  });
});
