import { z } from 'zod';
import { detailsRecord, humanText, idToken, isoDateTime } from './common.js';
import { decimalString } from './decimal.js';
import { intentIdSchema, intentModeSchema, intentSourceSchema } from './intent.js';
import { orderStateSchema, rejectCodeSchema } from './order-state.js';

const digits = z
  .string()
  .regex(/^[0-9]{1,20}$/, 'must be 1 to 20 digits (an exchange id as a string)');

/** The client order id sent to the exchange: Binance's `^[a-zA-Z0-9-_]{1,36}$`. */
export const clientOrderIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,36}$/, 'must be 1 to 36 characters of A-Z, a-z, 0-9, "_" or "-"');

/** One execution of an order; `tradeId` is unique per venue and symbol, so re-reported fills are dropped. */
export const orderFillSchema = z
  .object({
    tradeId: digits,
    price: decimalString,
    qty: decimalString,
    commission: decimalString,
    commissionAsset: z
      .string()
      .regex(/^[A-Z0-9]{1,20}$/, 'must be 1 to 20 uppercase letters or digits'),
  })
  .meta({ id: 'OrderFill' });
export type OrderFill = z.infer<typeof orderFillSchema>;

const common = {
  eventId: idToken,
  intentId: intentIdSchema,
  /** The strategy that sent the intent: the event goes out on `orders.event.<source>.<intentId>`. */
  source: intentSourceSchema,
  clientOrderId: clientOrderIdSchema.optional(),
  mode: intentModeSchema,
  venue: z
    .string()
    .regex(
      /^[A-Za-z0-9_.:-]{1,64}$/,
      'must be 1 to 64 characters of A-Z, a-z, 0-9, "_", ".", ":" or "-"',
    )
    .optional(),
  state: orderStateSchema,
  at: isoDateTime,
};

/** What the exchange last said about the order; amounts as decimal strings, ids as digit strings. */
const exchange = {
  exchangeOrderId: digits.optional(),
  exchangeStatus: z
    .string()
    .regex(/^[A-Z_]{1,32}$/, 'must be an exchange status such as "FILLED"')
    .optional(),
  executedQty: decimalString.optional(),
  cummulativeQuoteQty: decimalString.optional(),
  avgPrice: decimalString.optional(),
};

/** The intent passed parsing and idempotency and its row is stored (normally `SUBMITTING`). */
export const orderAcceptedSchema = z
  .object({ type: z.literal('order.accepted'), ...common })
  .meta({ id: 'OrderAccepted' });

/** The exchange took the order; `state` maps its status (`NEW`, `PARTIALLY_FILLED`, `FILLED`, …). */
export const orderSubmittedSchema = z
  .object({ type: z.literal('order.submitted'), ...common, ...exchange })
  .meta({ id: 'OrderSubmitted' });

/**
 * The intent was refused (locally or definitively by the exchange) or is known not to have been placed.
 * `state` is `REJECTED` or `NOT_PLACED`; `code` says why, `message` in a sentence, `details` for machines
 * (field issues for `INVALID_INTENT`, the exchange code for `EXCHANGE_REJECTED`).
 */
export const orderRejectedSchema = z
  .object({
    type: z.literal('order.rejected'),
    ...common,
    state: z.enum(['REJECTED', 'NOT_PLACED']),
    code: rejectCodeSchema,
    message: humanText,
    details: detailsRecord.optional(),
    ...exchange,
  })
  .meta({ id: 'OrderRejected' });

/** The outcome of the exchange call is not known (timeout, 5xx, -1007…): resolved by lookup, never by resend. */
export const orderUnknownSchema = z
  .object({
    type: z.literal('order.unknown'),
    ...common,
    state: z.literal('UNKNOWN'),
    message: humanText.optional(),
  })
  .meta({ id: 'OrderUnknown' });

/** A status change or new fills seen on the exchange (by execution or the reconciler). */
export const orderUpdatedSchema = z
  .object({
    type: z.literal('order.updated'),
    ...common,
    ...exchange,
    fills: z.array(orderFillSchema).optional(),
  })
  .meta({ id: 'OrderUpdated' });

/** The order was cancelled (by an operator, the kill switch, or the exchange). */
export const orderCanceledSchema = z
  .object({ type: z.literal('order.canceled'), ...common, ...exchange })
  .meta({ id: 'OrderCanceled' });

/** Every event on `orders.event.<source>.<intentId>`, discriminated by `type`. */
export const orderEventSchema = z
  .discriminatedUnion('type', [
    orderAcceptedSchema,
    orderSubmittedSchema,
    orderRejectedSchema,
    orderUnknownSchema,
    orderUpdatedSchema,
    orderCanceledSchema,
  ])
  .meta({ id: 'OrderEvent' });

export type OrderEvent = z.infer<typeof orderEventSchema>;
export type OrderEventType = OrderEvent['type'];
export type OrderEventOf<T extends OrderEventType> = Extract<OrderEvent, { type: T }>;
export const ORDER_EVENT_TYPES = orderEventSchema.options.map(
  (o) => o.shape.type.value,
) as readonly OrderEventType[];
