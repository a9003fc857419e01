import { reconcileCompletedSchema, type ReconcileCompleted } from '@livegate/contracts';
import { dbNow } from '@livegate/db';
import type { ExecutionService } from '@livegate/execution';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intent, startStack, waitFor, type Stack } from './fixture.js';

let s: Stack;
let service: ExecutionService;
let beforeStart: number;
beforeAll(async () => {
  s = await startStack();
  await s.setMode('LIVE');
  beforeStart = await dbNow(s.t.db);
  service = await s.startExecution({ settings: { requireReconcile: true } });
});
afterAll(async () => {
  await s.stop();
});

let runs = 0;
function report(
  venue: 'paper' | 'live',
  startedAt: number,
  patch: Partial<ReconcileCompleted> = {},
): ReconcileCompleted {
  runs += 1;
  const at = new Date(startedAt).toISOString();
  return {
    runId: `run-${runs}`,
    trigger: 'execution-start',
    venue,
    startedAt: at,
    finishedAt: at,
    durationMs: 0,
    rowsChecked: 0,
    rowsChanged: {},
    fillsAdded: 0,
    externalOrders: 0,
    unresolved: 0,
    errors: [],
    ...patch,
  };
}
/** A finished run as the reconciler records it (started_at on the database's clock). */
async function recordRun(run: ReconcileCompleted, startedAt: Date | 'now'): Promise<void> {
  const at = startedAt === 'now' ? sql<Date>`now()` : startedAt;
  await s.t.db
    .insertInto('reconcile.runs')
    .values({
      id: run.runId,
      trigger: run.trigger,
      venue: run.venue,
      started_at: at,
      finished_at: at,
      duration_ms: 0,
      report: JSON.stringify(run),
    })
    .execute();
  await s.bus.publish(s.bus.subjects.reconcileCompleted, reconcileCompletedSchema, run);
}
const heldTwice = (intentId: string) =>
  waitFor(
    `${intentId} to be held twice more`,
    () =>
      s.logLines.filter(
        (l) =>
          l.includes('live intent held until the live venue is reconciled') && l.includes(intentId),
      ).length >= 2,
  );

describe('execution - the live intake opens only on a clean reconcile of the live venue after start', () => {
  it('holds live intents (paper flows) and lets them go stale while closed', async () => {
    expect(service.liveIntakeOpen()).toBe(false);
    const expiring = intent({ mode: 'live', expiresAt: new Date(Date.now() + 300).toISOString() });
    const paper = intent();
    await s.publish(expiring);
    await s.publish(paper);
    await s.rowWhen(paper.intentId, (r) => r.state === 'NEW');
    expect(await s.rowWhen(expiring.intentId, (r) => r.state === 'REJECTED')).toMatchObject({
      reject_code: 'STALE',
    });
  });

  it('stays closed for a forged reconcile.completed, a run with unresolved rows or errors, another venue, or a run from before the start', async () => {
    const live = intent({ mode: 'live', createdAt: new Date(Date.now() + 1_000).toISOString() });
    await s.publish(live);
    await heldTwice(live.intentId);

    // Anyone on the bus can say "reconciled": the gate reads the runs the reconciler recorded.
    await s.bus.publish(
      s.bus.subjects.reconcileCompleted,
      reconcileCompletedSchema,
      report('live', Date.now() + 60_000),
    );
    await recordRun(
      report('live', Date.now(), {
        unresolved: 7,
        errors: [{ code: 'VENUE_UNKNOWN', message: 'The venue did not answer.' }],
      }),
      'now',
    );
    await recordRun(report('live', Date.now(), { unresolved: 1 }), 'now');
    await recordRun(
      report('live', Date.now(), { errors: [{ code: 'RATE_LIMITED', message: 'Rate limited.' }] }),
      'now',
    );
    await recordRun(report('paper', Date.now()), 'now');
    await recordRun(report('live', beforeStart - 1_000), new Date(beforeStart - 1_000));
    await heldTwice(live.intentId);
    expect(service.liveIntakeOpen()).toBe(false);
    expect(await s.row(live.intentId)).toBeUndefined();
    expect(await s.simOrders('live')).toEqual([]);

    await recordRun(report('live', Date.now()), 'now');
    const row = await s.rowWhen(live.intentId, (r) => r.state === 'NEW');
    expect(service.liveIntakeOpen()).toBe(true);
    expect((await s.simOrders('live')).map((o) => o.clientOrderId)).toEqual([row.client_order_id]);
  });

  it('stays closed while the runs cannot be read (a database fault never opens it), then opens on a clean run', async () => {
    await sql`revoke select on reconcile.runs from livegate_execution`.execute(s.t.db);
    let second: ExecutionService;
    try {
      second = await s.startExecution({ settings: { requireReconcile: true } });
      await waitFor('the failed read of the runs', () =>
        s.logLines.some((l) => l.includes('live gate: reading the reconcile runs failed')),
      );
      expect(second.liveIntakeOpen()).toBe(false);
    } finally {
      await sql`grant select on reconcile.runs to livegate_execution`.execute(s.t.db);
    }
    await recordRun(report('live', Date.now()), 'now');
    await waitFor('the second instance to open', () => second.liveIntakeOpen());
  });
});
