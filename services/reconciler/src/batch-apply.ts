import type { VenueTrade } from '@livegate/binance';
import { eventStamp, orderEventFromRow } from '@livegate/db';
import { applyPlan, type ApplyContext } from './apply-plan.js';
import {
  insertEvents,
  insertFills,
  keyOf,
  updateMany,
  type PlannedRow,
  type UpdatedRow,
} from './batch-sql.js';
import { createPublishQueue, type PublishQueue } from './publish-queue.js';
import type { RowPlan } from './row-plan.js';
import { countChange } from './tally.js';

export type { PlannedRow } from './batch-sql.js';

/** How a run commits its batches (tests make them small to reach every path). */
export interface BatchTuning {
  /** Rows per transaction (one UPDATE, one INSERT of fills, one of events); default 1,000. */
  readonly chunk?: number;
  /** Transactions in flight at once (disjoint rows); default 2. */
  readonly commitWidth?: number;
  /** Order events awaiting their JetStream ack at once; default 256. */
  readonly publishWidth?: number;
}

export const CHUNK = 1000;
const COMMIT_WIDTH = 2;
const PUBLISH_WIDTH = 256;

/** The columns a venue order decides (planFromOrder's patch); any other patch goes row by row. */
const BULK_COLUMNS = new Set([
  'state',
  'exchange_order_id',
  'executed_qty',
  'cummulative_quote_qty',
  'avg_price',
  'last_exchange_status',
  'reject_code',
  'reject_message',
  'not_found_count',
  'lease_holder',
  'lease_expires_at',
]);

/** Whether a plan can be committed with others: a paper row, from a venue order, nothing else. */
export function bulkable({ row, plan }: PlannedRow): boolean {
  const patch = plan.patch;
  return (
    row.mode !== 'live' &&
    patch !== undefined &&
    plan.event !== undefined &&
    plan.error === undefined &&
    !plan.unresolved &&
    patch.not_found_count === 0 &&
    patch.lease_holder === null &&
    Object.keys(patch).every((k) => BULK_COLUMNS.has(k))
  );
}

/**
 * One chunk in one transaction — the rows (each only if unchanged since read), their new fills and
 * their events — then the events handed to the publish queue; rows changed meanwhile are left to
 * their writer.
 */
async function commitChunk(
  ctx: ApplyContext,
  items: readonly PlannedRow[],
  publishing: PublishQueue,
): Promise<void> {
  const byKey = new Map(items.map((i) => [keyOf(i.row), i]));
  const tradesOf = new Map<string, readonly VenueTrade[]>(
    items.map((i) => [keyOf(i.row), i.trades]),
  );
  const at = ctx.now();
  const done = await ctx.db.transaction().execute(async (trx) => {
    const updated: UpdatedRow[] = await updateMany(trx, items, new Date(at));
    const fills = await insertFills(trx, updated, tradesOf);
    const events = updated.map((row) => {
      const spec = (byKey.get(keyOf(row)) as PlannedRow).plan.event as NonNullable<
        RowPlan['event']
      >;
      return orderEventFromRow(row, spec, eventStamp(at), fills.get(keyOf(row)) ?? []);
    });
    await insertEvents(trx, events);
    return { updated, fills, events };
  });
  for (const row of done.updated) {
    countChange(ctx.tally, (byKey.get(keyOf(row)) as PlannedRow).row.state, row.state);
    ctx.tally.fillsAdded += done.fills.get(keyOf(row))?.length ?? 0;
  }
  const left = items.length - done.updated.length;
  if (left > 0) {
    ctx.logger.info({ rows: left }, 'rows changed since they were read; left to their writers');
  }
  ctx.logger.info({ rows: done.updated.length }, 'orders reconciled in one batch');
  publishing.push(done.events);
}

export interface BatchCommitter {
  /**
   * Plans of rows a venue order decided. Paper rows the batch can take wait for a full chunk, which
   * is committed while the caller goes on (this waits only while `commitWidth` chunks are
   * committing); any other plan (a live row with its audit row, a plan with an error) is committed
   * now, row by row. Throws the first failed commit, once one has failed.
   */
  add(items: readonly PlannedRow[]): Promise<void>;
  /** Commits what waits, then waits for every commit and every publish; throws the first failed commit. */
  finish(): Promise<void>;
}

/**
 * Commits many rows' plans {@link BatchTuning.chunk} at a time (one UPDATE via jsonb_to_recordset,
 * one INSERT of fills, one of events), up to `commitWidth` transactions at once, their events
 * published as each commits (bounded in flight) while the next chunks are read and committed.
 */
export function createBatchCommitter(ctx: ApplyContext, tuning: BatchTuning = {}): BatchCommitter {
  const chunk = tuning.chunk ?? CHUNK;
  const width = tuning.commitWidth ?? COMMIT_WIDTH;
  const publishing = createPublishQueue(ctx, tuning.publishWidth ?? PUBLISH_WIDTH);
  const pending: PlannedRow[] = [];
  const committing = new Set<Promise<void>>();
  let failure: { readonly err: unknown } | undefined;

  function start(items: PlannedRow[]): void {
    const commit: Promise<void> = commitChunk(ctx, items, publishing)
      .catch((err: unknown) => {
        failure ??= { err };
      })
      .finally(() => committing.delete(commit));
    committing.add(commit);
  }

  async function startWhenFree(min: number): Promise<void> {
    while (pending.length >= min && failure === undefined) {
      if (committing.size >= width) await Promise.race(committing);
      else start(pending.splice(0, chunk));
    }
  }

  function throwIfFailed(): void {
    if (failure !== undefined) throw failure.err;
  }

  return {
    async add(items) {
      throwIfFailed();
      for (const item of items) {
        if (bulkable(item)) pending.push(item);
        else await applyPlan(ctx, item.row, item.plan, item.trades);
      }
      await startWhenFree(chunk);
      throwIfFailed();
    },
    async finish() {
      await startWhenFree(1);
      while (committing.size > 0) await Promise.race(committing);
      await publishing.drained();
      throwIfFailed();
    },
  };
}
