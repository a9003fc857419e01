import { z } from 'zod';
import { humanText, idToken, isoDateTime, operatorName } from './common.js';
import { intentIdSchema, intentSourceSchema } from './intent.js';
import { orderStateSchema } from './order-state.js';

/** The id of one cancel request: 1..64 of `[A-Za-z0-9_-]`; a repeated id is the same cancel. */
export const cancelIdSchema = idToken;

/** Who asked: the strategy itself (on the bus or with its API key) or an operator from the dashboard. */
export const cancelRequesterSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('strategy') }),
    z.object({ kind: z.literal('operator'), operator: operatorName }),
  ])
  .meta({ id: 'CancelRequester' });
export type CancelRequester = z.infer<typeof cancelRequesterSchema>;

/**
 * A request to cancel the order of (`source`, `intentId`), on `orders.cancel.<source>` (stream
 * ORDER_INTENTS; `Nats-Msg-Id` = {@link cancelMsgId}). Execution records it by (`source`, `cancelId`)
 * before it acts, so a replayed message cancels nothing twice. A cancel never places anything.
 */
export const orderCancelSchema = z
  .object({
    cancelId: cancelIdSchema,
    intentId: intentIdSchema,
    source: intentSourceSchema,
    requestedBy: cancelRequesterSchema.default({ kind: 'strategy' }),
    reason: humanText.optional(),
    at: isoDateTime,
  })
  .meta({ id: 'OrderCancel' });
export type OrderCancel = z.output<typeof orderCancelSchema>;
export type OrderCancelInput = z.input<typeof orderCancelSchema>;

/** The JetStream message id of a cancel: `cancel:<source>:<cancelId>` (never an intent's id). */
export function cancelMsgId(cancel: Pick<OrderCancel, 'source' | 'cancelId'>): string {
  return `cancel:${cancel.source}:${cancel.cancelId}`;
}

/**
 * How a cancel ended: `CANCELED` (the venue cancelled it), `FINAL` (the order had finished — filled,
 * expired, rejected — before the cancel reached it; `state` says how), or a refusal: `UNKNOWN_INTENT`
 * (no order of that source has the intentId), `SOURCE_MISMATCH` (the message's source is not its
 * subject's), `NOT_RESOLVED` (the placement was still unresolved when the bounded wait ended),
 * `VENUE_FAILED` (the venue did not answer the cancel; the row stays `PENDING_CANCEL` for the reconciler).
 */
export const cancelOutcomeSchema = z
  .enum(['CANCELED', 'FINAL', 'UNKNOWN_INTENT', 'SOURCE_MISMATCH', 'NOT_RESOLVED', 'VENUE_FAILED'])
  .meta({ id: 'CancelOutcome' });
export type CancelOutcome = z.infer<typeof cancelOutcomeSchema>;

/** The gateway's answer to a cancel: published (202) or the order's final state (200). */
export const cancelAcceptedSchema = z
  .object({
    intentId: intentIdSchema,
    source: intentSourceSchema,
    cancelId: cancelIdSchema.optional(),
    state: orderStateSchema,
    final: z.boolean(),
    duplicate: z.boolean().optional(),
    message: humanText,
  })
  .meta({ id: 'CancelAccepted' });
export type CancelAccepted = z.infer<typeof cancelAcceptedSchema>;

/** An operator's cancel of one order: why (audited); `source` when strategies share the intentId. */
export const operatorCancelBodySchema = z
  .strictObject({ reason: humanText, source: intentSourceSchema.optional() })
  .meta({ id: 'OperatorCancelBody' });

/** An operator's cancel of every open order of one symbol (optionally one mode), with a reason. */
export const cancelAllBodySchema = z
  .strictObject({
    symbol: z.string().regex(/^[A-Z0-9]{2,20}$/, 'must be an uppercase symbol such as BTCUSDT'),
    mode: z.enum(['paper', 'live']).optional(),
    reason: humanText,
  })
  .meta({ id: 'CancelAllBody' });

/** What cancel-all asked for: one cancel per open order of the symbol. */
export const cancelAllResultSchema = z
  .object({
    symbol: z.string(),
    requested: z.array(
      z.object({ intentId: intentIdSchema, source: intentSourceSchema, cancelId: cancelIdSchema }),
    ),
  })
  .meta({ id: 'CancelAllResult' });
export type CancelAllResult = z.infer<typeof cancelAllResultSchema>;
