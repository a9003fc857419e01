import { OPEN_ORDER_STATES, type IntentKey, type TradingMode } from '@livegate/contracts';
import type {
  Database,
  ExecutionOrderRow,
  ExecutionOrderUpdate,
  NewExecutionOrder,
} from '@livegate/db';
import { sql, type ExpressionBuilder } from 'kysely';
import type { Queryable, Trx } from './db.js';
import type { FillRow } from './fills.js';
import { WORKABLE_STATES } from './order-row.js';

/** The trading state as the fenced step reads it, with the database's time of the read. */
export interface TradingStateRead {
  readonly mode: TradingMode;
  readonly version: number;
  readonly sessionId: string | null;
  readonly expiresAt: Date | null;
  readonly now: number;
}

/** The trading state, share-locked until the transaction ends: a disarm or kill waits for it. */
export async function readTradingStateForShare(trx: Trx): Promise<TradingStateRead> {
  const row = await trx
    .selectFrom('arming.trading_state')
    .select(['mode', 'version', 'session_id', 'expires_at', sql<Date>`now()`.as('now')])
    .where('id', '=', 1)
    .forShare()
    .executeTakeFirstOrThrow();
  return {
    mode: row.mode,
    version: row.version,
    sessionId: row.session_id,
    expiresAt: row.expires_at,
    now: row.now.getTime(),
  };
}

/** The current mode and its version, without a lock. */
export function readMode(db: Queryable): Promise<{ mode: TradingMode; version: number }> {
  return db
    .selectFrom('arming.trading_state')
    .select(['mode', 'version'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
}

/** The idempotency key (source, intentId) of a row. */
export const keyOf = (row: Pick<ExecutionOrderRow, 'source' | 'intent_id'>): IntentKey => ({
  source: row.source,
  intentId: row.intent_id,
});

/** `source = … and intent_id = …`: the one row of a key. */
const isKey =
  ({ source, intentId }: IntentKey) =>
  (eb: ExpressionBuilder<Database, 'execution.orders'>) =>
    eb.and([eb('source', '=', source), eb('intent_id', '=', intentId)]);

/** Inserts the row unless the key exists; undefined means another message stored it first. */
export function insertOrder(
  trx: Trx,
  values: NewExecutionOrder,
): Promise<ExecutionOrderRow | undefined> {
  return trx
    .insertInto('execution.orders')
    .values(values)
    .onConflict((oc) => oc.columns(['source', 'intent_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function findOrder(db: Queryable, key: IntentKey): Promise<ExecutionOrderRow | undefined> {
  return db.selectFrom('execution.orders').selectAll().where(isKey(key)).executeTakeFirst();
}

/**
 * Takes the lease of an unresolved row unless another instance holds one that has not expired, on
 * the database's clock. A previous holder that stalled cannot send late: its fenced step needs a live
 * lease, and a request it had fenced can only be signed within the send budget.
 */
export function takeLease(
  db: Queryable,
  { key, instanceId, leaseMs }: { key: IntentKey; instanceId: string; leaseMs: number },
): Promise<ExecutionOrderRow | undefined> {
  return db
    .updateTable('execution.orders')
    .set({
      lease_holder: instanceId,
      lease_expires_at: sql<Date>`now() + make_interval(secs => ${leaseMs / 1000})`,
    })
    .where(isKey(key))
    .where('state', 'in', WORKABLE_STATES)
    .where((eb) =>
      eb.or([
        eb('lease_holder', 'is', null),
        eb('lease_holder', '=', instanceId),
        eb('lease_expires_at', '<=', sql<Date>`now()`),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}

/**
 * The write of the fenced step: only an unsent SUBMITTING row whose lease this instance still holds
 * by the database's clock is marked sent (`last_sent_at = now()`, the trading-state version, the send
 * budget, one more attempt) and its lease renewed. Undefined: the lease was lost or the row moved on.
 */
export function markFenced(
  trx: Trx,
  {
    key,
    instanceId,
    leaseMs,
    version,
    sendBudgetMs,
  }: {
    key: IntentKey;
    instanceId: string;
    leaseMs: number;
    /** The trading-state version read in the fence (null for a paper row: no lock is taken). */
    version: number | null;
    sendBudgetMs: number;
  },
): Promise<ExecutionOrderRow | undefined> {
  return trx
    .updateTable('execution.orders')
    .set({
      last_sent_at: sql<Date>`now()`,
      fence_version: version,
      send_budget_ms: sendBudgetMs,
      attempts: sql<number>`attempts + 1`,
      not_found_count: 0,
      lease_expires_at: sql<Date>`now() + make_interval(secs => ${leaseMs / 1000})`,
      updated_at: sql<Date>`now()`,
    })
    .where(isKey(key))
    .where('state', '=', 'SUBMITTING')
    .where('last_sent_at', 'is', null)
    .where('lease_holder', '=', instanceId)
    .where('lease_expires_at', '>', sql<Date>`now()`)
    .returningAll()
    .executeTakeFirst();
}

/** Updates a row this instance leases while its outcome is still open; undefined if the lease was lost. */
export function updateLeased(
  trx: Trx,
  {
    key,
    instanceId,
    now,
    patch,
  }: { key: IntentKey; instanceId: string; now: number; patch: ExecutionOrderUpdate },
): Promise<ExecutionOrderRow | undefined> {
  return trx
    .updateTable('execution.orders')
    .set({ ...patch, updated_at: new Date(now) })
    .where(isKey(key))
    .where('lease_holder', '=', instanceId)
    .where('state', 'in', WORKABLE_STATES)
    .returningAll()
    .executeTakeFirst();
}

/** Updates a row that is not final yet, whoever leases it (the kill switch); the lease is dropped. */
export function updateOpen(
  trx: Trx,
  { key, now, patch }: { key: IntentKey; now: number; patch: ExecutionOrderUpdate },
): Promise<ExecutionOrderRow[]> {
  return trx
    .updateTable('execution.orders')
    .set({ ...patch, lease_holder: null, lease_expires_at: null, updated_at: new Date(now) })
    .where(isKey(key))
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
