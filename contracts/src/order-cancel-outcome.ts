import { z } from 'zod';
import { humanText, isoDateTime } from './common.js';
import { intentIdSchema, intentSourceSchema } from './intent.js';
import {
  cancelIdSchema,
  cancelOutcomeSchema,
  cancelRequesterSchema,
  type OrderCancel,
} from './order-cancel.js';
import { orderStateSchema } from './order-state.js';

/** What every stored cancel has from the start: who asked what, when. `source` is the subject's. */
const asked = {
  cancelId: cancelIdSchema,
  intentId: intentIdSchema,
  source: intentSourceSchema,
  requestedBy: cancelRequesterSchema,
  reason: humanText.optional(),
  requestedAt: isoDateTime,
};

/**
 * How one cancel ended, published by execution on `orders.cancel-outcome.<source>.<cancelId>` (stream
 * ORDER_EVENTS, `Nats-Msg-Id` {@link cancelOutcomeMsgId}) for the strategy that sent it: every outcome,
 * refusals (`UNKNOWN_INTENT`, `SOURCE_MISMATCH`, `NOT_RESOLVED`, `VENUE_FAILED`) as well as `CANCELED`
 * and `FINAL`. `state` is the order's state then (null when there is no order of that source). It is
 * built from the stored cancel row, whose outcome is set once, so a replayed cancel is answered with
 * the same outcome again.
 */
export const cancelOutcomeEventSchema = z
  .object({
    type: z.literal('order.cancel_outcome'),
    ...asked,
    outcome: cancelOutcomeSchema,
    state: orderStateSchema.nullable(),
    message: humanText,
    resolvedAt: isoDateTime,
  })
  .meta({ id: 'CancelOutcomeEvent' });
export type CancelOutcomeEvent = z.infer<typeof cancelOutcomeEventSchema>;

/** A cancel as stored (`GET /api/cancels/{cancelId}`): `outcome`, `state`, `message`, `resolvedAt` null while in work. */
export const cancelRecordSchema = z
  .object({
    ...asked,
    outcome: cancelOutcomeSchema.nullable(),
    state: orderStateSchema.nullable(),
    message: humanText.nullable(),
    resolvedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'CancelRecord' });
export type CancelRecord = z.infer<typeof cancelRecordSchema>;

/** The JetStream message id of a cancel's outcome: one per (source, cancelId), however often it is published. */
export function cancelOutcomeMsgId(cancel: Pick<OrderCancel, 'source' | 'cancelId'>): string {
  return `cancel-outcome:${cancel.source}:${cancel.cancelId}`;
}
