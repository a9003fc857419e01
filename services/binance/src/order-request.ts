import { Decimal } from 'decimal.js';
import { z } from 'zod';

const amount = z
  .string()
  .regex(/^(0|[1-9][0-9]*)(\.[0-9]+)?$/, 'must be a decimal string such as "12.5"')
  .refine((v) => new Decimal(v).gt(0), 'must be greater than 0');

/**
 * An order for {@link BinanceSpotAdapter.placeOrder}. Amounts are decimal strings sent exactly as
 * given (never rounded). LIMIT needs quantity, price, timeInForce; LIMIT_MAKER quantity and price;
 * MARKET exactly one of quantity / quoteOrderQty. `clientOrderId` is usually {@link clientOrderIdFor}(intentId).
 */
export const placeOrderRequestSchema = z
  .strictObject({
    symbol: z.string().regex(/^[A-Z0-9]{2,20}$/, 'must be an uppercase symbol such as "BTCUSDT"'),
    side: z.enum(['BUY', 'SELL']),
    type: z.enum(['LIMIT', 'MARKET', 'LIMIT_MAKER']),
    quantity: amount.optional(),
    quoteOrderQty: amount.optional(),
    price: amount.optional(),
    timeInForce: z.enum(['GTC', 'IOC', 'FOK']).optional(),
    clientOrderId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,36}$/, 'must be 1 to 36 characters of [A-Za-z0-9_-]'),
  })
  .superRefine((order, ctx) => {
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (order.type === 'MARKET') {
      if ((order.quantity === undefined) === (order.quoteOrderQty === undefined)) {
        problem('quantity', 'a MARKET order takes exactly one of quantity or quoteOrderQty');
      }
      if (order.price !== undefined) problem('price', 'not allowed on a MARKET order');
      if (order.timeInForce !== undefined) problem('timeInForce', 'not allowed on a MARKET order');
      return;
    }
    if (order.quantity === undefined) problem('quantity', `required for a ${order.type} order`);
    if (order.price === undefined) problem('price', `required for a ${order.type} order`);
    if (order.quoteOrderQty !== undefined)
      problem('quoteOrderQty', `not allowed on a ${order.type} order`);
    if (order.type === 'LIMIT' && order.timeInForce === undefined)
      problem('timeInForce', 'required for a LIMIT order');
    if (order.type === 'LIMIT_MAKER' && order.timeInForce !== undefined) {
      problem('timeInForce', 'not allowed on a LIMIT_MAKER order');
    }
  });
export type PlaceOrderRequest = z.infer<typeof placeOrderRequestSchema>;

/** The library payload for an order: only the fields that are set (the library would send "undefined"). */
export function orderPayload(
  order: PlaceOrderRequest,
  recvWindowMs: number,
): Record<string, string | number> {
  const payload: Record<string, string | number> = {
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    newClientOrderId: order.clientOrderId,
    newOrderRespType: 'FULL',
    recvWindow: recvWindowMs,
  };
  for (const key of ['quantity', 'quoteOrderQty', 'price', 'timeInForce'] as const) {
    const value = order[key];
    if (value !== undefined) payload[key] = value;
  }
  return payload;
}
