import { randomUUID } from 'node:crypto';
import { reconcileRequestSchema, streamNames } from '../../contracts/src/index.js';
import { consumerBacklog } from '../harness/src/read-stream.js';
import { NAMESPACE, type Stack } from './stack.js';

export interface Settled {
  readonly ok: boolean;
  readonly ms: number;
  /** Acknowledged intents without a row, rows not yet resolved (SUBMITTING, UNKNOWN, PENDING_CANCEL). */
  readonly missing: number;
  readonly unresolved: number;
  /** Intent messages still in ORDER_INTENTS (a work queue: not yet acknowledged by execution). */
  readonly queued: number;
  /** The last run of each venue that started after the stack was restarted cleanly. */
  readonly finalRuns: readonly { venue: string; unresolved: number; errors: number }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * After the publishing phase (faults cleared, prices still): restart every service cleanly, wait
 * (bounded) until every acknowledged intent has a row, no row is unresolved and no intent message
 * waits in ORDER_INTENTS (replays and reused keys included), then ask for one more
 * reconcile of each venue and wait for it, so the checks compare a settled database with the venue.
 */
export async function quiesce(
  stack: Stack,
  intentIds: readonly string[],
  settleMs: number,
): Promise<Settled> {
  const began = Date.now();
  await stack.sim.admin.clearFaults();
  stack.policy.disable();
  await stack.supervisor.settled();
  await stack.nats.ensureRunning();
  const { slots } = stack.supervisor;
  const restart = [slots['exec-a'], slots['exec-b'], slots.reconciler];
  // Restarted while the rows settle (the wait below also waits for this).
  const restarted = Promise.all([
    ...restart.map(async (s) => {
      await s.stop();
      await s.start();
    }),
    slots.arming.running() ? undefined : slots.arming.start(),
  ]);
  let up = false;
  void restarted.then(
    () => (up = true),
    () => {},
  );

  const deadline = began + settleMs;
  const count = async () => {
    const [counts] = await stack.db.query<{ missing: number; unresolved: number }>(
      `select (select count(*)::int from unnest($1::text[]) as i(id)
                where not exists (select 1 from execution.orders o where o.intent_id = i.id)) as missing,
              (select count(*)::int from execution.orders
                where state in ('SUBMITTING', 'UNKNOWN', 'PENDING_CANCEL')) as unresolved`,
      [intentIds],
    );
    const queued = await consumerBacklog(
      stack.nats.url(),
      streamNames(NAMESPACE).orderIntents,
      'execution',
    ).catch(() => -1);
    return { missing: counts?.missing ?? 0, unresolved: counts?.unresolved ?? 0, queued };
  };
  const done = (l: Awaited<ReturnType<typeof count>>) =>
    up && l.missing === 0 && l.unresolved === 0 && l.queued === 0;
  let left = await count();
  while (!done(left) && Date.now() < deadline) {
    await sleep(250);
    left = await count();
  }
  const { missing, unresolved, queued } = left;
  await restarted;
  const settledAt = new Date();
  await stack.bus.publish(stack.bus.subjects.reconcileRequest, reconcileRequestSchema, {
    requestId: randomUUID(),
    trigger: 'request',
    at: settledAt.toISOString(),
  });
  const runDeadline = Date.now() + 30_000;
  let finalRuns: Settled['finalRuns'] = [];
  while (Date.now() < runDeadline) {
    const runs = await stack.db.query<{
      venue: string;
      report: { unresolved: number; errors: unknown[] };
    }>(
      `select distinct on (venue) venue, report from reconcile.runs
        where started_at > $1 order by venue, started_at desc`,
      [settledAt],
    );
    finalRuns = runs.map((r) => ({
      venue: r.venue,
      unresolved: r.report.unresolved,
      errors: r.report.errors.length,
    }));
    if (finalRuns.length >= 2) break;
    await sleep(250);
  }
  return {
    ok: missing === 0 && unresolved === 0 && queued === 0,
    ms: Date.now() - began,
    missing,
    unresolved,
    queued,
    finalRuns,
  };
}
