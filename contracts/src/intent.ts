import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { idToken, isoDateTime, requiredField } from './common.js';
import { normalizeDecimal, positiveDecimalString } from './decimal.js';

/** Where an intent should execute: `paper` (the simulator) or `live` (needs an armed session). */
export const intentModeSchema = z.enum(['paper', 'live'], requiredField);
export const IntentMode = intentModeSchema.enum;
export type IntentMode = z.infer<typeof intentModeSchema>;

/** `BUY` or `SELL`. */
export const orderSideSchema = z.enum(['BUY', 'SELL'], requiredField);
export const OrderSide = orderSideSchema.enum;
export type OrderSide = z.infer<typeof orderSideSchema>;

/** The Binance spot order types livegate sends. */
export const orderTypeSchema = z.enum(['LIMIT', 'MARKET', 'LIMIT_MAKER'], requiredField);
export const OrderType = orderTypeSchema.enum;
export type OrderType = z.infer<typeof orderTypeSchema>;

/** How long a LIMIT order rests: `GTC`, `IOC` or `FOK`. */
export const timeInForceSchema = z.enum(['GTC', 'IOC', 'FOK']);
export const TimeInForce = timeInForceSchema.enum;
export type TimeInForce = z.infer<typeof timeInForceSchema>;

/** A Binance spot symbol: 5..20 uppercase letters or digits, e.g. `BTCUSDT`. */
export const symbolSchema = z
  .string(requiredField)
  .regex(/^[A-Z0-9]{5,20}$/, 'must be 5 to 20 uppercase letters or digits, e.g. "BTCUSDT"');

/** The strategy that sent an intent: 1..32 of `[A-Za-z0-9_-]`, also the subject token `orders.intent.<source>`. */
export const intentSourceSchema = z
  .string(requiredField)
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1 to 32 characters of A-Z, a-z, 0-9, "_" or "-"');

/** The idempotency key of an intent: 1..64 of `[A-Za-z0-9_-]`. One key is at most one exchange order. */
export const intentIdSchema = idToken;

type OrderShape = {
  type: OrderType;
  quantity?: string | undefined;
  quoteOrderQty?: string | undefined;
  price?: string | undefined;
  timeInForce?: TimeInForce | undefined;
};
type ShapeField = 'quantity' | 'quoteOrderQty' | 'price' | 'timeInForce';

const NEEDS: Record<OrderType, { required: ShapeField[]; forbidden: ShapeField[] }> = {
  LIMIT: { required: ['quantity', 'price', 'timeInForce'], forbidden: ['quoteOrderQty'] },
  MARKET: { required: [], forbidden: ['price', 'timeInForce'] },
  LIMIT_MAKER: { required: ['quantity', 'price'], forbidden: ['quoteOrderQty', 'timeInForce'] },
};

function orderShapeProblems(order: OrderShape): Array<{ path: ShapeField; message: string }> {
  const { required, forbidden } = NEEDS[order.type];
  const problems = [
    ...required
      .filter((f) => order[f] === undefined)
      .map((f) => ({ path: f, message: `required for a ${order.type} order` })),
    ...forbidden
      .filter((f) => order[f] !== undefined)
      .map((f) => ({ path: f, message: `not allowed on a ${order.type} order` })),
  ];
  if (
    order.type === 'MARKET' &&
    (order.quantity === undefined) === (order.quoteOrderQty === undefined)
  ) {
    const got = order.quantity === undefined ? 'neither was given' : 'not both';
    problems.push({
      path: 'quantity',
      message: `a MARKET order takes exactly one of quantity or quoteOrderQty, ${got}`,
    });
  }
  return problems;
}

/**
 * An order intent from a strategy (DESIGN.md §4). Guarantees, beyond each field's format:
 * - LIMIT has `quantity`, `price` and `timeInForce`, and no `quoteOrderQty`;
 * - MARKET has exactly one of `quantity` / `quoteOrderQty`, and no `price` or `timeInForce`;
 * - LIMIT_MAKER has `quantity` and `price`, and no `timeInForce` or `quoteOrderQty`;
 * - amounts are decimal strings greater than 0; `expiresAt`, when set, is after `createdAt`;
 * - no unknown keys (a misspelt or unsupported field is refused, never silently dropped).
 */
export const orderIntentSchema = z
  .strictObject({
    intentId: intentIdSchema,
    mode: intentModeSchema,
    symbol: symbolSchema,
    side: orderSideSchema,
    type: orderTypeSchema,
    quantity: positiveDecimalString.optional(),
    quoteOrderQty: positiveDecimalString.optional(),
    price: positiveDecimalString.optional(),
    timeInForce: timeInForceSchema.optional(),
    source: intentSourceSchema,
    createdAt: isoDateTime,
    expiresAt: isoDateTime.optional(),
  })
  .superRefine((intent, ctx) => {
    for (const { path, message } of orderShapeProblems(intent)) {
      ctx.addIssue({ code: 'custom', path: [path], message });
    }
    if (
      intent.expiresAt !== undefined &&
      Date.parse(intent.expiresAt) <= Date.parse(intent.createdAt)
    ) {
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'must be after createdAt' });
    }
  })
  .meta({
    id: 'OrderIntent',
    description: 'An order intent from a strategy; intentId is the idempotency key.',
  });

export type OrderIntent = z.infer<typeof orderIntentSchema>;

/** The economic fields of an intent in a fixed key order, decimals normalised, absent fields `null`. */
export interface IntentFingerprintFields {
  mode: IntentMode;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  quantity: string | null;
  quoteOrderQty: string | null;
  price: string | null;
  timeInForce: TimeInForce | null;
}

type EconomicFields = Pick<OrderIntent, 'mode' | 'symbol' | 'side' | 'type'> &
  Partial<Pick<OrderIntent, 'quantity' | 'quoteOrderQty' | 'price' | 'timeInForce'>>;

const normalized = (value: string | undefined) =>
  value === undefined ? null : normalizeDecimal(value);

/**
 * What makes two intents "the same order": mode, symbol, side, type, amounts and time in force.
 * `intentId`, `source` and the timestamps are left out; `"1.50"` and `"1.5"` give equal fields.
 */
export function intentFingerprintFields(intent: EconomicFields): IntentFingerprintFields {
  return {
    mode: intent.mode,
    symbol: intent.symbol,
    side: intent.side,
    type: intent.type,
    quantity: normalized(intent.quantity),
    quoteOrderQty: normalized(intent.quoteOrderQty),
    price: normalized(intent.price),
    timeInForce: intent.timeInForce ?? null,
  };
}

/**
 * SHA-256 (64 lowercase hex) of the UTF-8 JSON of {@link intentFingerprintFields}: equal iff the economic
 * fields are equal. Pure JavaScript (`@noble/hashes`), so it runs the same in Node and in a browser; the
 * output is fixed (stored rows are compared against it), see the known vectors in the test.
 */
export function intentFingerprint(intent: EconomicFields): string {
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(intentFingerprintFields(intent)))));
}
