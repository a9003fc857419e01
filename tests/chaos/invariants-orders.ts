import { normalizeDecimal } from '../../contracts/src/index.js';
import type { CheckResult, Evidence, RowEvidence, SimOrderEvidence } from './evidence.js';

const EXAMPLES = 5;

function result(
  name: string,
  violations: readonly string[],
  counts: string,
  notes: readonly string[] = [],
): CheckResult {
  return {
    name,
    ok: violations.length === 0,
    counts: violations.length === 0 ? counts : `${violations.length} violations; ${counts}`,
    examples: violations.slice(0, EXAMPLES),
    notes,
  };
}

export function ordersByClientId(
  orders: readonly SimOrderEvidence[],
): Map<string, SimOrderEvidence[]> {
  const by = new Map<string, SimOrderEvidence[]>();
  for (const o of orders) by.set(o.clientOrderId, [...(by.get(o.clientOrderId) ?? []), o]);
  for (const list of by.values()) list.sort((a, b) => a.orderId - b.orderId);
  return by;
}

const sameQty = (a: string, b: string) => normalizeDecimal(a) === normalizeDecimal(b);

/** 1. At most one exchange order per intent key (the simulator's orders grouped by client order id). */
export function onePerKey(e: Evidence): CheckResult {
  const by = ordersByClientId(e.simOrders);
  const intentOf = new Map(e.intents.map((i) => [i.clientOrderId, i.intentId]));
  const violations = [...by.entries()]
    .filter(([, list]) => list.length > 1)
    .map(
      ([cid, list]) =>
        `${intentOf.get(cid) ?? cid}: ${list.length} orders (${list.map((o) => `#${o.orderId} ${o.status}`).join(', ')})`,
    );
  return result(
    'one-order-per-key',
    violations,
    `${e.simOrders.length} exchange orders, ${by.size} client order ids`,
  );
}

/** 2. Every acknowledged (published) intent has a row in execution.orders. */
export function everyIntentHasRow(e: Evidence): CheckResult {
  const rows = new Set(e.rows.map((r) => r.intentId));
  const published = e.intents.filter((i) => i.ackedAt !== undefined);
  const unpublished = e.intents.length - published.length;
  const violations = published
    .filter((i) => !rows.has(i.intentId))
    .map((i) => `${i.intentId} (${i.mode}): no row`);
  return result(
    'every-intent-has-a-row',
    violations,
    `${published.length} published intents, ${e.rows.length} rows`,
    unpublished > 0
      ? [`${unpublished} intents never acknowledged by the stream (not counted)`]
      : [],
  );
}

function rowVersusExchange(
  row: RowEvidence,
  orders: readonly SimOrderEvidence[],
): string | undefined {
  const latest = orders.at(-1);
  if (latest === undefined) {
    if ((row.state === 'REJECTED' || row.state === 'NOT_PLACED') && row.exchangeOrderId === null)
      return undefined;
    return `${row.intentId}: row ${row.state}${row.exchangeOrderId === null ? '' : ` #${row.exchangeOrderId}`}, no exchange order`;
  }
  const same =
    row.state === latest.status &&
    row.exchangeOrderId === String(latest.orderId) &&
    sameQty(row.executedQty, latest.executedQty);
  if (same) return undefined;
  return `${row.intentId}: row ${row.state} #${row.exchangeOrderId ?? '-'} qty ${row.executedQty}${row.rejectCode === null ? '' : ` (${row.rejectCode})`}, exchange ${latest.status} #${latest.orderId} qty ${latest.executedQty}`;
}

/** 3. After the final reconcile every row says what the exchange says (state, order id, executed qty). */
export function dbEqualsExchange(e: Evidence): CheckResult {
  const by = ordersByClientId(e.simOrders);
  const rowCids = new Set(e.rows.map((r) => r.clientOrderId));
  const violations = [
    ...e.rows.map((r) => rowVersusExchange(r, by.get(r.clientOrderId) ?? [])),
    ...[...by.keys()]
      .filter((cid) => !rowCids.has(cid))
      .map((cid) => `exchange order ${cid} (#${by.get(cid)?.[0]?.orderId}): no row`),
  ].filter((v): v is string => v !== undefined);
  const withOrder = e.rows.filter((r) => by.has(r.clientOrderId)).length;
  return result(
    'db-equals-exchange',
    violations,
    `${e.rows.length} rows (${withOrder} with an exchange order), ${by.size} exchange client ids`,
  );
}

/**
 * 7. Every reused key was refused IDEMPOTENCY_KEY_REUSED and left the first body's row as it was.
 * "First" is the original when its row existed before the other body was published; otherwise (the
 * original was still in flight, e.g. redelivered after a crash) either body may be the first one
 * stored, and the row must hold one of the two.
 */
export function reusedKeysRefused(e: Evidence): CheckResult {
  const rows = new Map(e.rows.map((r) => [r.intentId, r]));
  const cases = e.intents.filter((i) => i.reuse?.ackedAt !== undefined);
  const unpublished = e.intents.filter(
    (i) => i.reuse !== undefined && i.reuse.ackedAt === undefined,
  );
  const racing = cases.filter((i) => i.reuse?.afterRow === false);
  const violations: string[] = [];
  for (const i of cases) {
    const row = rows.get(i.intentId);
    if (!e.reuseRefused.has(i.intentId))
      violations.push(`${i.intentId}: no order.rejected IDEMPOTENCY_KEY_REUSED event`);
    const firsts =
      i.reuse?.afterRow === false ? [i.fingerprint, i.reuse.fingerprint] : [i.fingerprint];
    if (row === undefined) violations.push(`${i.intentId}: no row`);
    else if (!firsts.includes(row.fingerprint))
      violations.push(`${i.intentId}: the stored row does not hold the first body`);
  }
  if (cases.length === 0) violations.push('no reused key was published: nothing was checked');
  const notes = [
    ...(unpublished.length > 0
      ? [`${unpublished.length} reused keys never acknowledged (not counted)`]
      : []),
    ...(racing.length > 0
      ? [
          `${racing.length} reused keys published before the original had a row (either body may be first)`,
        ]
      : []),
  ];
  return result(
    'reused-keys-refused',
    violations,
    `${cases.length} reused keys, ${cases.filter((i) => e.reuseRefused.has(i.intentId)).length} refused`,
    notes,
  );
}

/** 8. At most 1 % of the intents that were fresh when published end REJECTED STALE. */
export function staleFromCrashes(e: Evidence, limit = 0.01): CheckResult {
  const rows = new Map(e.rows.map((r) => [r.intentId, r]));
  const fresh = e.intents.filter(
    (i) => i.ackedAt !== undefined && i.ackedAt - i.createdAt <= e.freshMs,
  );
  const stale = fresh.filter((i) => rows.get(i.intentId)?.rejectCode === 'STALE');
  const share = fresh.length === 0 ? 1 : stale.length / fresh.length;
  const pct = (100 * share).toFixed(2);
  const counts = `${stale.length} of ${fresh.length} fresh intents STALE (${pct} %, limit ${100 * limit} %)`;
  const ok = fresh.length > 0 && share <= limit;
  return {
    name: 'stale-from-crashes',
    ok,
    counts: fresh.length === 0 ? 'no fresh intent: nothing was checked' : counts,
    examples: ok ? [] : stale.slice(0, EXAMPLES).map((i) => `${i.intentId} (${i.mode})`),
    notes: [],
  };
}
