import { deadLetterSchema, type DeadLetter } from '@livegate/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intent, startStack, waitFor, type Stack } from './fixture.js';

/** An intent message that goes round `maxDeliver` times is dead-lettered, never retried forever. */
let s: Stack;
const letters: DeadLetter[] = [];
beforeAll(async () => {
  s = await startStack();
  // The live gate never opens here (no reconcile run is recorded): live intents are held.
  await s.startExecution({
    settings: { requireReconcile: true, maxDeliver: 10, intentMaxAgeMs: 30_000 },
    timing: { holdRetryMs: 20 },
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
});
