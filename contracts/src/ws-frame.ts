import { z } from 'zod';
import { auditEventSchema } from './audit.js';
import { isoDateTime, operatorName, requiredField } from './common.js';
import { modeChangedSchema, modeSnapshotSchema } from './mode.js';
import { moneyChangedSchema } from './money-notice.js';
import { orderEventSchema } from './order-event.js';
import { reconcileCompletedSchema } from './reconcile.js';

/** Who may log in to the dashboard: `operator` (acts) or `viewer` (reads only). */
export const operatorRoleSchema = z
  .enum(['operator', 'viewer'], requiredField)
  .meta({ id: 'OperatorRole' });
export type OperatorRole = z.infer<typeof operatorRoleSchema>;

/** The JetStream stream sequence of the event: increases per stream, so a client can spot gaps and refetch. */
const seq = z.int(requiredField).positive('must be a positive integer');

/**
 * The first frame on every connection: the mode (as `arming.status` answered, `null` when arming did
 * not answer), the connected login session, and the last `reconcile.completed` report (`null` if none).
 */
export const wsSnapshotFrameSchema = z
  .object({
    type: z.literal('snapshot'),
    data: z.object({
      mode: modeSnapshotSchema.nullable(),
      session: z.object({
        operator: operatorName,
        role: operatorRoleSchema,
        expiresAt: isoDateTime,
      }),
      lastReconcile: reconcileCompletedSchema.nullable(),
    }),
  })
  .meta({ id: 'WsSnapshotFrame' });

const event = <T extends string, S extends z.ZodType>(type: T, data: S, id: string) =>
  z.object({ type: z.literal(type), data, seq: seq.optional() }).meta({ id });

/** A `mode.changed` message as published by arming. */
export const wsModeChangedFrameSchema = event(
  'mode.changed',
  modeChangedSchema,
  'WsModeChangedFrame',
);
/** A finished reconcile run. */
export const wsReconcileFrameSchema = event(
  'reconcile.completed',
  reconcileCompletedSchema,
  'WsReconcileFrame',
);
/** One order event (any `orders.event.<source>.<intentId>` message). */
export const wsOrderEventFrameSchema = event('order.event', orderEventSchema, 'WsOrderEventFrame');
/** One audit row as published on `audit.<kind>`. */
export const wsAuditEventFrameSchema = event('audit.event', auditEventSchema, 'WsAuditEventFrame');
/**
 * The money shown may have changed (a fill, balances stored from the account stream, a finished
 * reconcile run): the Money page reads `/api/money/*` again. No `seq`: it is derived, not a stream
 * message, and a lost one is repaired by the next one, the snapshot after a reconnect, or the
 * page's slow poll.
 */
export const wsMoneyChangedFrameSchema = z
  .object({ type: z.literal('money.changed'), data: moneyChangedSchema })
  .meta({ id: 'WsMoneyChangedFrame' });
/** Sent every few seconds so a client can tell a quiet feed from a dead one. */
export const wsHeartbeatFrameSchema = z
  .object({ type: z.literal('heartbeat'), data: z.object({ at: isoDateTime }) })
  .meta({ id: 'WsHeartbeatFrame' });

/**
 * Every JSON frame the gateway sends on `/ws`, discriminated by `type`. Both sides parse with this:
 * the gateway before sending, the dashboard on receipt. Event frames carry the stream `seq`.
 */
export const wsFrameSchema = z
  .discriminatedUnion(
    'type',
    [
      wsSnapshotFrameSchema,
      wsModeChangedFrameSchema,
      wsReconcileFrameSchema,
      wsOrderEventFrameSchema,
      wsAuditEventFrameSchema,
      wsMoneyChangedFrameSchema,
      wsHeartbeatFrameSchema,
    ],
    {
      error:
        'must be a frame type: snapshot, mode.changed, reconcile.completed, order.event, audit.event, money.changed or heartbeat',
    },
  )
  .meta({ id: 'WsFrame' });
export type WsFrame = z.infer<typeof wsFrameSchema>;
export type WsFrameType = WsFrame['type'];
export type WsFrameOf<T extends WsFrameType> = Extract<WsFrame, { type: T }>;
