import { intentFingerprint, streamNames, subjects } from '../../contracts/src/index.js';
import type { SimAdmin } from '../../services/exchange-sim/src/index.js';
import { readStream } from '../harness/src/read-stream.js';
import type { StormDatabase } from './database.js';
import {
  modesFromAudit,
  type Evidence,
  type IntentEvidence,
  type Mode,
  type RowEvidence,
  type SimOrderEvidence,
  type StopEvidence,
} from './evidence.js';
import type { OperatorAction } from './operator.js';
import type { PublishRecord } from './publisher.js';

interface OrderRow {
  intent_id: string;
  client_order_id: string;
  mode: 'paper' | 'live';
  state: string;
  reject_code: string | null;
  exchange_order_id: string | null;
  executed_qty: string;
  fingerprint: string;
  recv_window_ms: number;
  fence_version?: string | number | null;
}

async function rowsOf(db: StormDatabase): Promise<{ rows: RowEvidence[]; fenceColumn: boolean }> {
  const fenceColumn =
    (
      await db.query(
        `select 1 from information_schema.columns
          where table_schema = 'execution' and table_name = 'orders' and column_name = 'fence_version'`,
      )
    ).length > 0;
  const rows = await db.query<OrderRow>(
    `select intent_id, client_order_id, mode, state, reject_code, exchange_order_id,
            executed_qty::text as executed_qty, fingerprint, recv_window_ms
            ${fenceColumn ? ', fence_version' : ''}
       from execution.orders`,
  );
  return {
    fenceColumn,
    rows: rows.map((r) => ({
      intentId: r.intent_id,
      clientOrderId: r.client_order_id,
      mode: r.mode,
      state: r.state,
      rejectCode: r.reject_code,
      exchangeOrderId: r.exchange_order_id,
      executedQty: r.executed_qty,
      fingerprint: r.fingerprint,
      recvWindowMs: r.recv_window_ms,
      fenceVersion: !fenceColumn
        ? undefined
        : r.fence_version === null || r.fence_version === undefined
          ? null
          : Number(r.fence_version),
    })),
  };
}

async function simOrdersOf(
  admin: SimAdmin,
  keys: { paper: string; live: string },
): Promise<SimOrderEvidence[]> {
  const of = async (account: 'paper' | 'live') =>
    (await admin.orders({ apiKey: keys[account] })).map((o) => ({
      account,
      clientOrderId: o.clientOrderId,
      orderId: o.orderId,
      status: o.status,
      executedQty: o.executedQty,
      time: o.time,
    }));
  return [...(await of('paper')), ...(await of('live'))];
}

/** Intent ids with an order.rejected IDEMPOTENCY_KEY_REUSED event in ORDER_EVENTS. */
async function reuseRefusals(natsUrl: string, namespace: string): Promise<Set<string>> {
  const records = await readStream(natsUrl, streamNames(namespace).orderEvents, {
    filterSubject: subjects(namespace).orderEventAll,
  });
  const ids = new Set<string>();
  for (const { json } of records) {
    const e = json as { type?: string; code?: string; intentId?: string } | undefined;
    if (e?.type === 'order.rejected' && e.code === 'IDEMPOTENCY_KEY_REUSED' && e.intentId)
      ids.add(e.intentId);
  }
  return ids;
}

export interface CollectInput {
  readonly db: StormDatabase;
  readonly admin: SimAdmin;
  readonly accountKeys: { paper: string; live: string };
  readonly natsUrl: string;
  readonly namespace: string;
  readonly records: readonly PublishRecord[];
  readonly actions: readonly OperatorAction[];
  /** When each trading-state version was first seen committed (state-watch.ts). */
  readonly firstSeen: ReadonlyMap<number, number>;
  readonly recvWindowMs: number;
  readonly clockMarginMs: number;
  readonly freshMs: number;
  readonly settle: Evidence['settle'];
}

export async function collectEvidence(input: CollectInput): Promise<Evidence> {
  const { db } = input;
  const intents: IntentEvidence[] = input.records.map((r) => ({
    intentId: r.planned.intent.intentId,
    clientOrderId: r.planned.clientOrderId,
    mode: r.planned.intent.mode,
    fingerprint: r.planned.fingerprint,
    createdAt: Date.parse(r.planned.intent.createdAt),
    ackedAt: r.ackedAt,
    reuse:
      r.planned.reuse === undefined
        ? undefined
        : {
            fingerprint: intentFingerprint(r.planned.reuse),
            ackedAt: r.reuseAckedAt,
            afterRow: r.reuseAfterRow,
          },
  }));
  const { rows, fenceColumn } = await rowsOf(db);
  const sessions = await db.query<{
    id: string;
    started_at: Date;
    ended_at: Date | null;
    expires_at: Date;
  }>('select id, started_at, ended_at, expires_at from arming.live_sessions');
  const audits = await db.query<{ kind: string; details: Record<string, unknown> }>(
    `select kind, details from audit.log where kind like 'arming.%' order by id`,
  );
  const [state] = await db.query<{ mode: Mode }>('select mode from arming.trading_state');
  const stops: StopEvidence[] = input.actions
    .filter((a) => a.verb !== 'arm')
    .map((a) => ({
      verb: a.verb as 'disarm' | 'kill',
      sentAt: a.sentAt,
      committedBy: Math.min(
        a.repliedAt,
        a.version === undefined ? Infinity : (input.firstSeen.get(a.version) ?? Infinity),
      ),
      ok: a.ok,
      version: a.version,
    }));
  return {
    intents,
    rows,
    simOrders: await simOrdersOf(input.admin, input.accountKeys),
    sessions: sessions.map((s) => ({
      id: s.id,
      startedAt: s.started_at.getTime(),
      endedAt: s.ended_at?.getTime() ?? null,
      expiresAt: s.expires_at.getTime(),
    })),
    stops,
    modeAtVersion: modesFromAudit(audits),
    fenceColumn,
    reuseRefused: await reuseRefusals(input.natsUrl, input.namespace),
    endMode: state?.mode ?? 'PAPER',
    recvWindowMs: input.recvWindowMs,
    clockMarginMs: input.clockMarginMs,
    freshMs: input.freshMs,
    settle: input.settle,
  };
}
