import type { CheckResult, Evidence, RowEvidence, SimOrderEvidence } from './evidence.js';

const EXAMPLES = 5;
const FENCE_ABSENT =
  'execution.orders has no fence_version column yet: the version part of this check is skipped';

function liveOrders(e: Evidence) {
  const rows = new Map(e.rows.map((r) => [r.clientOrderId, r]));
  return e.simOrders
    .filter((o) => o.account === 'live')
    .map((o) => ({ order: o, row: rows.get(o.clientOrderId) }));
}

/** recvWindow of the request (the row's) plus the clock margin: how late an in-flight request may land. */
const allowance = (e: Evidence, row: RowEvidence | undefined) =>
  (row?.recvWindowMs ?? e.recvWindowMs) + e.clockMarginMs;

const at = (ms: number) => new Date(ms).toISOString().slice(11, 23);
const describe = (o: SimOrderEvidence, row: RowEvidence | undefined) =>
  `${row?.intentId ?? o.clientOrderId} (#${o.orderId} ${o.status} at ${at(o.time)})`;

/** Live rows that carry a fenced version, with the mode at that version. */
function fencedLiveRows(e: Evidence) {
  return e.rows
    .filter((r) => r.mode === 'live' && r.fenceVersion !== null && r.fenceVersion !== undefined)
    .map((r) => ({
      row: r,
      version: r.fenceVersion as number,
      mode: e.modeAtVersion.get(r.fenceVersion as number),
    }));
}

/** 4. Every live order was accepted inside an armed session (plus the request's recvWindow). */
export function noLiveOrderUnarmed(e: Evidence): CheckResult {
  const violations: string[] = [];
  const orders = liveOrders(e);
  for (const { order, row } of orders) {
    const slack = allowance(e, row);
    const armed = e.sessions.some(
      (s) =>
        s.startedAt <= order.time &&
        order.time <= Math.min(s.endedAt ?? Infinity, s.expiresAt) + slack,
    );
    if (!armed) violations.push(`${describe(order, row)}: accepted outside every live session`);
  }
  const notes: string[] = [];
  if (e.fenceColumn) {
    for (const f of fencedLiveRows(e))
      if (f.mode !== 'LIVE')
        violations.push(
          `${f.row.intentId}: fenced at version ${f.version} (${f.mode ?? 'not in the audit'})`,
        );
    for (const { order, row } of orders)
      if (row !== undefined && (row.fenceVersion === null || row.fenceVersion === undefined))
        violations.push(`${describe(order, row)}: on the venue without a fenced version`);
  } else notes.push(FENCE_ABSENT);
  return {
    name: 'no-live-order-unarmed',
    ok: violations.length === 0,
    counts: `${violations.length} violations; ${orders.length} live orders, ${e.sessions.length} live sessions`,
    examples: violations.slice(0, EXAMPLES),
    notes,
  };
}

/** 5. No live order reached the venue after a kill/disarm committed (recvWindow allowed), until the next arm. */
export function noSendAfterStop(e: Evidence): CheckResult {
  const violations: string[] = [];
  const orders = liveOrders(e);
  for (const stop of e.stops) {
    if (!stop.ok) {
      violations.push(`the ${stop.verb} sent at ${at(stop.sentAt)} was never answered ok`);
      continue;
    }
    const rearmed = Math.min(
      ...e.sessions.filter((s) => s.startedAt > stop.sentAt).map((s) => s.startedAt),
    );
    for (const { order, row } of orders) {
      const late = order.time > stop.committedBy + allowance(e, row);
      if (late && order.time < rearmed)
        violations.push(
          `${describe(order, row)}: ${order.time - stop.committedBy} ms after the ${stop.verb} committed (by ${at(stop.committedBy)})`,
        );
    }
    if (e.fenceColumn && stop.version !== undefined) {
      const version = stop.version;
      const nextLive = Math.min(
        ...[...e.modeAtVersion.entries()]
          .filter(([v, m]) => v > version && m === 'LIVE')
          .map(([v]) => v),
      );
      for (const f of fencedLiveRows(e))
        if (f.version >= version && f.version < nextLive)
          violations.push(
            `${f.row.intentId}: fenced at version ${f.version}, at or after the ${stop.verb} (version ${version})`,
          );
    }
  }
  const stops = e.stops.map((s) => `${s.verb}${s.version === undefined ? '' : ` v${s.version}`}`);
  if (e.stops.length === 0) violations.push('no disarm or kill was sent: nothing was checked');
  return {
    name: 'no-send-after-stop',
    ok: violations.length === 0,
    counts: `${violations.length} violations; ${orders.length} live orders against ${stops.join(', ') || 'no stops'}`,
    examples: violations.slice(0, EXAMPLES),
    notes: e.fenceColumn ? [] : [FENCE_ABSENT],
  };
}

/** 6. The run ends halted with no live order of ours open on the venue. */
export function noLiveOpenAfterKill(e: Evidence): CheckResult {
  const open = liveOrders(e).filter(
    ({ order }) => order.status === 'NEW' || order.status === 'PARTIALLY_FILLED',
  );
  const violations = [
    ...(e.endMode === 'HALTED'
      ? []
      : [`the run ends ${e.endMode}, not HALTED: the kill did not hold`]),
    ...open.map(({ order, row }) => `${describe(order, row)}: still open on the live account`),
  ];
  return {
    name: 'no-live-open-after-kill',
    ok: violations.length === 0,
    counts: `${open.length} live orders open at the end, mode ${e.endMode}`,
    examples: violations.slice(0, EXAMPLES),
    notes: [],
  };
}
