import { deadLetterSchema, type DeadLetter } from '@livegate/contracts';
import type { CrashPoint } from '@livegate/execution';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intent, startStack, waitFor, type Stack } from './fixture.js';

/** An intent message that goes round `maxDeliver` times is dead-lettered, never retried forever. */
let s: Stack;
const letters: DeadLetter[] = [];
/** Test hook at the crash points: holds the handler at `point` until released. */
let pause: { point: CrashPoint; reached: () => void; release: Promise<void> } | undefined;
beforeAll(async () => {
  s = await startStack();
  // The live gate never opens here (no reconcile run is recorded): live intents are held.
  await s.startExecution({
    settings: { requireReconcile: true, maxDeliver: 10, intentMaxAgeMs: 30_000 },
    timing: { holdRetryMs: 20 },
    crash: async (point: CrashPoint) => {
      if (pause === undefined || point !== pause.point) return;
      pause.reached();
      await pause.release;
    },
  });
  const sub = s.bus.nc.subscribe(s.bus.subjects.orderDeadLetterAll);
  void (async () => {
    for await (const m of sub) letters.push(deadLetterSchema.parse(m.json()));
  })();
});
afterAll(async () => {
  await s.stop();
});

describe('execution - dead letters', () => {
  it('a live intent held on every delivery is stored REJECTED DEAD_LETTER and sent to orders.deadletter.<source>', async () => {
    const i = intent({ mode: 'live' });
    await s.publish(i);
    const row = await s.rowWhen(i.intentId, (r) => r.state === 'REJECTED');
    expect(row).toMatchObject({ reject_code: 'DEAD_LETTER', last_sent_at: null, attempts: 0 });
    expect(row.reject_message).toMatch(/live intake stayed closed/);
    const letter = await waitFor('the dead letter', () =>
      letters.find((l) => l.intentId === i.intentId),
    );
    expect(letter).toMatchObject({
      source: i.source,
      deliveries: 10,
      payload: { intentId: i.intentId },
    });
    expect(await s.simOrders('live')).toEqual([]);
    await waitFor('the alert line', () =>
      s.logLines.some((l) => l.includes('ALERT: intent dead-lettered') && l.includes(i.intentId)),
    );
  });

  it('a message whose handling fails on every delivery (the database refuses) is dead-lettered too', async () => {
    await sql`revoke insert on execution.orders from livegate_execution`.execute(s.t.db);
    try {
      const i = intent();
      await s.publish(i);
      const letter = await waitFor('the dead letter', () =>
        letters.find((l) => l.intentId === i.intentId),
      );
      expect(letter).toMatchObject({
        deliveries: 10,
        reason: 'Handling failed on every delivery.',
      });
      await waitFor('the refusal that could not be stored', () =>
        s.logLines.some((l) => l.includes('dead letter: storing the refusal failed')),
      );
      expect(await s.row(i.intentId)).toBeUndefined();
    } finally {
      await sql`grant insert on execution.orders to livegate_execution`.execute(s.t.db);
    }
  });

  it('a second message for an intent in work here on every delivery is dead-lettered; the one in work sends once', async () => {
    let reached!: () => void;
    let release!: () => void;
    const atPoint = new Promise<void>((resolve) => (reached = resolve));
    pause = {
      point: 'after-submitting-commit',
      reached,
      release: new Promise<void>((resolve) => (release = resolve)),
    };
    const i = intent();
    try {
      await s.publish(i, 'first');
      await atPoint;
      await s.publish(i, 'second');
      const letter = await waitFor('the dead letter', () =>
        letters.find((l) => l.intentId === i.intentId),
      );
      expect(letter).toMatchObject({
        source: i.source,
        reason: 'The intent stayed in work elsewhere for every delivery.',
      });
    } finally {
      release();
      pause = undefined;
    }
    const row = await s.rowWhen(i.intentId, (r) => r.state === 'NEW');
    expect(
      (await s.simOrders('paper')).filter((o) => o.clientOrderId === row.client_order_id),
    ).toHaveLength(1);
  });

  it('an order whose outcome cannot be looked up on any delivery is dead-lettered and left UNKNOWN for the reconciler', async () => {
    await s.sim.admin.injectFault({
      kind: 'accept-then-timeout',
      path: '/api/v3/order',
      method: 'POST',
      count: 1,
    });
    await s.sim.admin.injectFault({
      kind: 'rate-limit',
      path: '/api/v3/order',
      method: 'GET',
      count: 1_000,
      delayMs: 100,
    });
    const i = intent();
    try {
      await s.publish(i);
      const letter = await waitFor('the dead letter', () =>
        letters.find((l) => l.intentId === i.intentId),
      );
      expect(letter.reason).toBe('The order could not be resolved within its deliveries.');
      expect(await s.row(i.intentId)).toMatchObject({ state: 'UNKNOWN', attempts: 1 });
    } finally {
      await s.sim.admin.clearFaults();
    }
    const row = await s.row(i.intentId);
    expect(
      (await s.simOrders('paper')).filter((o) => o.clientOrderId === row?.client_order_id),
    ).toHaveLength(1);
  });
});
