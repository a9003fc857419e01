import { OPEN_ORDER_STATES } from '@livegate/contracts';
import type { ExecutionOrderRow, ExecutionOrderUpdate, NewExecutionOrder } from '@livegate/db';
import { sql } from 'kysely';
import type { Queryable, Trx } from './db.js';
import type { FillRow } from './fills.js';
import { armingOf, type LiveArming } from './intent-checks.js';
import { WORKABLE_STATES } from './order-row.js';

/** The trading state, share-locked until the transaction ends: a disarm or kill waits for it. */
export async function readArmingForShare(trx: Trx, now: number): Promise<LiveArming> {
  const row = await trx
    .selectFrom('arming.trading_state')
    .select(['mode', 'session_id', 'expires_at'])
    .where('id', '=', 1)
    .forShare()
    .executeTakeFirstOrThrow();
  return armingOf(row, now);
}

/** The current mode, without a lock. */
export async function readMode(db: Queryable): Promise<string> {
  const row = await db
    .selectFrom('arming.trading_state')
    .select('mode')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return row.mode;
}

/** Inserts the row unless the key exists; undefined means another message stored it first. */
export function insertOrder(
  trx: Trx,
  values: NewExecutionOrder,
): Promise<ExecutionOrderRow | undefined> {
  return trx
    .insertInto('execution.orders')
    .values(values)
    .onConflict((oc) => oc.column('intent_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function findOrder(db: Queryable, intentId: string): Promise<ExecutionOrderRow | undefined> {
  return db
    .selectFrom('execution.orders')
    .selectAll()
    .where('intent_id', '=', intentId)
    .executeTakeFirst();
}

/**
 * Takes the lease of an unresolved row unless another instance holds a live one. Taking over from
 * a holder (expired, or this instance before a restart) that may have been mid-send moves
 * `last_sent_at` up to when that holder could last have sent: `least(now, its lease expiry)`.
 */
export function takeLease(
  db: Queryable,
  {
    intentId,
    instanceId,
    now,
    leaseMs,
  }: { intentId: string; instanceId: string; now: number; leaseMs: number },
): Promise<ExecutionOrderRow | undefined> {
  const at = new Date(now);
  return db
    .updateTable('execution.orders')
    .set({
      lease_holder: instanceId,
      lease_expires_at: new Date(now + leaseMs),
      last_sent_at: sql<Date | null>`case
        when last_sent_at is null or lease_holder is null then last_sent_at
        else greatest(last_sent_at, least(${at}::timestamptz, lease_expires_at)) end`,
      not_found_count: sql<number>`case when lease_holder is null then not_found_count else 0 end`,
    })
    .where('intent_id', '=', intentId)
    .where('state', 'in', WORKABLE_STATES)
    .where((eb) =>
      eb.or([
        eb('lease_holder', 'is', null),
        eb('lease_holder', '=', instanceId),
        eb('lease_expires_at', '<=', at),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Updates a row this instance leases while its outcome is still open; undefined if the lease was lost. */
export function updateLeased(
  trx: Trx,
  {
    intentId,
    instanceId,
    now,
    patch,
  }: { intentId: string; instanceId: string; now: number; patch: ExecutionOrderUpdate },
): Promise<ExecutionOrderRow | undefined> {
  return trx
    .updateTable('execution.orders')
    .set({ ...patch, updated_at: new Date(now) })
    .where('intent_id', '=', intentId)
    .where('lease_holder', '=', instanceId)
    .where('state', 'in', WORKABLE_STATES)
    .returningAll()
    .executeTakeFirst();
}

/** Updates a row that is not final yet, whoever leases it (the kill switch); the lease is dropped. */
export function updateOpen(
  trx: Trx,
  { intentId, now, patch }: { intentId: string; now: number; patch: ExecutionOrderUpdate },
): Promise<ExecutionOrderRow[]> {
  return trx
    .updateTable('execution.orders')
    .set({ ...patch, lease_holder: null, lease_expires_at: null, updated_at: new Date(now) })
    .where('intent_id', '=', intentId)
    .where('state', 'in', OPEN_ORDER_STATES)
    .returningAll()
    .execute();
}

/** Live rows that are not final: what the kill switch must cancel or check. */
export function openLiveOrders(db: Queryable): Promise<ExecutionOrderRow[]> {
  return db
    .selectFrom('execution.orders')
    .selectAll()
    .where('mode', '=', 'live')
    .where('state', 'in', OPEN_ORDER_STATES)
    .orderBy('inserted_at')
    .execute();
}

/** Stores fills; a trade already stored (same venue, symbol, trade id) is skipped. */
export async function insertFills(trx: Trx, fills: readonly FillRow[]): Promise<void> {
  if (fills.length === 0) return;
  await trx
    .insertInto('execution.fills')
    .values([...fills])
    .onConflict((oc) => oc.columns(['venue', 'symbol', 'trade_id']).doNothing())
    .execute();
}
