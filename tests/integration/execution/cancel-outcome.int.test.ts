import { cancelOutcomeEventSchema, type CancelOutcomeEvent } from '@livegate/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { intent, marketBuy, startStack, waitFor, type Stack } from './fixture.js';

/**
 * Issue 13: every cancel outcome reaches the strategy that sent the cancel, on
 * `orders.cancel-outcome.<source>.<cancelId>` — refusals included — built from the stored cancel row,
 * so a replay or a lost publish is answered with the same outcome.
 */
let s: Stack;
/** What a strategy subscribed to its own cancel outcomes (`orders.cancel-outcome.<source>.>`) has seen. */
const seen = new Map<string, CancelOutcomeEvent[]>();

function follow(source: string) {
  const sub = s.bus.nc.subscribe(s.bus.subjects.cancelOutcomesOf(source));
  void (async () => {
    for await (const m of sub) {
      const event = cancelOutcomeEventSchema.parse(m.json());
      seen.set(`${source}:${event.cancelId}`, [
        ...(seen.get(`${source}:${event.cancelId}`) ?? []),
        event,
      ]);
    }
  })();
}

beforeAll(async () => {
  s = await startStack();
  follow('test');
  follow('other');
  await s.bus.nc.flush();
});
afterEach(async () => {
  for (const svc of s.services.splice(0)) await svc.stop();
  await s.sim.admin.clearFaults();
  await s.setMode('PAPER');
});
afterAll(async () => {
  await s.stop();
});

const cancel: Stack['cancel'] = (body, options) => s.cancel(body, options);

/** The outcomes the strategy `source` received for `cancelId`, once at least `count` arrived. */
const outcomes = (source: string, cancelId: string, count = 1) =>
  waitFor(`${count} outcome(s) of ${source}:${cancelId}`, () => {
    const got = seen.get(`${source}:${cancelId}`) ?? [];
    return got.length >= count && got;
  });

async function resting(patch = {}) {
  const i = intent(patch);
  await s.publish(i);
  await s.rowWhen(i.intentId, (r) => r.state === 'NEW');
  return i;
}

/** How many messages the ORDER_EVENTS stream keeps on one cancel's outcome subject. */
async function storedOutcomes(source: string, cancelId: string): Promise<number> {
  const subject = s.bus.subjects.cancelOutcome(source, cancelId);
  const reply = await s.bus.nc.request(
    `$JS.API.STREAM.INFO.${s.bus.streams.orderEvents}`,
    JSON.stringify({ subjects_filter: subject }),
  );
  const info = reply.json<{ state: { subjects?: Record<string, number> } }>();
  return info.state.subjects?.[subject] ?? 0;
}

describe('cancel outcome - every outcome reaches the strategy that sent the cancel', () => {
  it('refusals: UNKNOWN_INTENT, and SOURCE_MISMATCH only to the sender, never to the source it named', async () => {
    await s.startExecution();
    const unknown = cancel({ intentId: 'never-sent', reason: 'Strategy stopped.' });
    await unknown.sent;
    const [refused] = await outcomes('test', unknown.msg.cancelId);
    expect(refused).toMatchObject({
      type: 'order.cancel_outcome',
      cancelId: unknown.msg.cancelId,
      intentId: 'never-sent',
      source: 'test',
      requestedBy: { kind: 'strategy' },
      reason: 'Strategy stopped.',
      outcome: 'UNKNOWN_INTENT',
      state: null,
      message: expect.stringMatching(/no order of source "test" has intentId never-sent/),
    });
    const theirs = await resting({ source: 'other' });
    const forged = cancel(
      { intentId: theirs.intentId, source: 'other' },
      { subjectSource: 'test' },
    );
    await forged.sent;
    const [mismatch] = await outcomes('test', forged.msg.cancelId);
    expect(mismatch).toMatchObject({ outcome: 'SOURCE_MISMATCH', source: 'test', state: null });
    expect(seen.get(`other:${forged.msg.cancelId}`)).toBeUndefined();
    expect(await s.row(theirs.intentId)).toMatchObject({ state: 'NEW' });
  });

  it('NOT_RESOLVED with the state the placement was in', async () => {
    await s.startExecution({ timing: { cancelWaitMs: 200 } });
    await s.sim.admin.injectFault({
      kind: 'latency',
      path: '/api/v3/order',
      method: 'POST',
      delayMs: 1_500,
      count: 1,
    });
    const i = intent();
    await s.publish(i);
    await s.rowWhen(i.intentId, (r) => r.state === 'SUBMITTING' && r.last_sent_at !== null);
    const c = cancel({ intentId: i.intentId });
    await c.sent;
    expect((await outcomes('test', c.msg.cancelId))[0]).toMatchObject({
      outcome: 'NOT_RESOLVED',
      state: 'SUBMITTING',
      intentId: i.intentId,
    });
    await s.rowWhen(i.intentId, (r) => r.state === 'NEW');
  });

  it('VENUE_FAILED (the row stays PENDING_CANCEL), then CANCELED for the retry', async () => {
    await s.startExecution();
    const i = await resting();
    await s.sim.admin.injectFault({
      kind: '5xx-before-accept',
      path: '/api/v3/order',
      method: 'DELETE',
      body: 'json',
      count: 1,
    });
    const c = cancel({ intentId: i.intentId });
    await c.sent;
    expect((await outcomes('test', c.msg.cancelId))[0]).toMatchObject({
      outcome: 'VENUE_FAILED',
      state: 'PENDING_CANCEL',
    });
    const again = cancel({ intentId: i.intentId });
    await again.sent;
    expect((await outcomes('test', again.msg.cancelId))[0]).toMatchObject({
      outcome: 'CANCELED',
      state: 'CANCELED',
    });
    // The order's own events came first: the strategy never sees CANCELED before order.canceled.
    expect(s.events.of(i.intentId).at(-1)).toMatchObject({ type: 'order.canceled' });
  });

  it('FINAL with the final state for a finished order', async () => {
    await s.startExecution();
    const i = marketBuy();
    await s.publish(i);
    await s.rowWhen(i.intentId, (r) => r.state === 'FILLED');
    const c = cancel({ intentId: i.intentId });
    await c.sent;
    expect((await outcomes('test', c.msg.cancelId))[0]).toMatchObject({
      outcome: 'FINAL',
      state: 'FILLED',
      message: expect.stringMatching(/FILLED/),
    });
  });
});

describe('cancel outcome - one outcome per cancel, however often it is asked or published', () => {
  it('a replayed cancel (dedup and past it) is answered with the same outcome; the stream keeps one', async () => {
    await s.startExecution();
    const first = cancel({ intentId: 'never-sent-replay' });
    await first.sent;
    const [original] = await outcomes('test', first.msg.cancelId);
    // Past JetStream's dedup (another message id): the stored outcome is published again, unchanged.
    const replay = cancel(
      { intentId: 'never-sent-replay', cancelId: first.msg.cancelId },
      { tag: 'replay' },
    );
    await replay.sent;
    const both = await outcomes('test', first.msg.cancelId, 2);
    expect(both[1]).toEqual(original);
    expect(await storedOutcomes('test', first.msg.cancelId)).toBe(1);
  });

  it('an outcome whose publish is lost (the process stops after the commit) still arrives', async () => {
    const crashed: string[] = [];
    await s.startExecution({
      crash: (point) => {
        if (point !== 'after-cancel-commit' || crashed.length > 0) return;
        crashed.push(point);
        throw new Error('test: stopped after the cancel committed, before its outcome went out');
      },
    });
    const i = await resting();
    const c = cancel({ intentId: i.intentId });
    await c.sent;
    const [outcome] = await outcomes('test', c.msg.cancelId);
    expect(crashed).toEqual(['after-cancel-commit']);
    expect(outcome).toMatchObject({ outcome: 'CANCELED', state: 'CANCELED' });
    expect(await storedOutcomes('test', c.msg.cancelId)).toBe(1);
  });
});
