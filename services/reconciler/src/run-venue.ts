import { randomUUID } from 'node:crypto';
import type { ReconcileCompleted } from '@livegate/contracts';
import { dbNow, type ExecutionOrderRow } from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import { snapshotBalances } from './balances.js';
import type { ReconcileRules } from './config.js';
import type { Db } from './db.js';
import { handleExternalOrders } from './external-orders.js';
import { markFinished, markRunning } from './gate.repository.js';
import { loadOpenRows, storedFillQty } from './orders.repository.js';
import { createPacer } from './paced-call.js';
import type { Publisher } from './publisher.js';
import type { RunBatchTuning } from './reconcile-row.js';
import { reconcileRows } from './reconcile-rows.js';
import { describeFailure, RunAborted } from './run-error.js';
import { insertRun, withVenueLock } from './runs.repository.js';
import { addError, buildReport, createTally, gateUnresolved, type RunJob } from './tally.js';
import { fetchOpenOrders, type OpenOrders } from './venue-reads.js';
import type { ReconcileVenue, VenueName } from './venue.js';

export interface RunDeps {
  readonly db: Db;
  readonly publisher: Publisher;
  readonly logger: Logger;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly rules: ReconcileRules;
  /** Trades per myTrades page (default 1000, the venue's maximum). */
  readonly tradesPageSize?: number;
  readonly batch?: RunBatchTuning;
}

const NOTHING_OPEN: OpenOrders = { ours: new Map(), external: [] };

/**
 * One reconcile run of one venue (DESIGN.md §6), under the venue's lock: the gate is marked
 * running; the open rows are checked against the venue's open orders (every symbol on `allSymbols`,
 * else the symbols that have rows), rows not listed are looked up, fills stored, external orders
 * listed, the account read once and its balances stored (money on screen); then the run row and the gate are written and `reconcile.completed` is published. A venue
 * that cannot be worked with ends the run early with the error reported; it never throws for that.
 */
export function runVenue(
  deps: RunDeps,
  venueName: VenueName,
  venue: ReconcileVenue,
  job: RunJob,
): Promise<ReconcileCompleted> {
  return withVenueLock(deps.db, venueName, async () => {
    const { db, now } = deps;
    const runId = randomUUID();
    // The database's clock: execution's live gate compares the run's start with its own (also the database's).
    const startedAt = await dbNow(db);
    const hostStart = now();
    const logger = deps.logger.child({ venue: venueName, runId, trigger: job.trigger });
    const tally = createTally();
    const pacer = createPacer({ maxPauseMs: deps.rules.maxPauseMs, sleep: deps.sleep, logger });
    await markRunning(db, venueName, startedAt);
    logger.info({ allSymbols: job.allSymbols }, 'reconcile run started');

    let rows: ExecutionOrderRow[] = [];
    let done = 0;
    let venueUsable = true;
    try {
      rows = await loadOpenRows(db, venueName);
      tally.rowsChecked = rows.length;
      const fillQty = await storedFillQty(db, venueName);
      const symbols = [...new Set(rows.map((r) => r.symbol))].sort();
      const open = job.allSymbols
        ? await fetchOpenOrders(pacer, venue, 'all')
        : symbols.length === 0
          ? NOTHING_OPEN
          : await fetchOpenOrders(pacer, venue, symbols);
      const ctx = { db, publisher: deps.publisher, logger, now, runId, tally, pacer, venue };
      const rowDeps = {
        ...ctx,
        rules: deps.rules,
        open,
        fillQty,
        ...(deps.tradesPageSize !== undefined && { tradesPageSize: deps.tradesPageSize }),
        ...(deps.batch !== undefined && { batch: deps.batch }),
      };
      await reconcileRows(rowDeps, rows);
      done = rows.length;
      await handleExternalOrders(
        { ...ctx, venueName, action: deps.rules.externalOrders },
        open.external,
      );
    } catch (err) {
      const aborted = err instanceof RunAborted;
      venueUsable = false;
      addError(tally, aborted ? err.error : { code: 'INTERNAL', message: describeFailure(err) });
      tally.unresolved += rows.length - done;
      if (aborted) logger.warn({ reason: err.message }, 'reconcile run ended early');
      else logger.error({ err }, 'reconcile run failed');
    }

    // Elapsed on this host, added to the database's start: one clock for both ends.
    const runClock = () => startedAt + Math.max(0, now() - hostStart);
    // One account read per run, skipped when the venue could not be worked with.
    if (venueUsable) await snapshotBalances({ db, pacer, venue, logger, at: runClock }, venueName);
    const finishedAt = runClock();
    const report = buildReport({ runId, venue: venueName, job, startedAt, finishedAt, tally });
    try {
      await db.transaction().execute(async (trx) => {
        await insertRun(trx, report, { requestIds: job.requestIds, pausedMs: pacer.pausedMs() });
        await markFinished(trx, venueName, {
          unresolved: gateUnresolved(report),
          runId,
          now: finishedAt,
        });
      });
      await deps.publisher.completed(report);
    } catch (err) {
      logger.error({ err }, 'the run report could not be stored or published');
    }
    logger.info(
      {
        rowsChecked: report.rowsChecked,
        rowsChanged: report.rowsChanged,
        fillsAdded: report.fillsAdded,
        externalOrders: report.externalOrders,
        unresolved: report.unresolved,
        errors: report.errors.length,
        durationMs: report.durationMs,
      },
      'reconcile run finished',
    );
    return report;
  });
}
