import type { Context, Hono } from 'hono';
import { Dec } from '../decimal.js';
import type { MatchingEngine } from '../matching.js';
import { isOpen, remainingOf, type SimOrder } from '../orders-store.js';
import type { SimState } from '../state.js';
import { adminError, parseBody } from './respond.js';
import { fillBodySchema, fillManyBodySchema } from './schemas.js';
import { simOrderView } from './views.js';

/** The open order named by `:orderId`, or the error answer. */
function openOrder(c: Context, state: SimState): SimOrder | Response {
  const order = state.orders.byId(Number(c.req.param('orderId')));
  if (order === undefined) return adminError(c, 404, 'UNKNOWN_ORDER', 'no order has this id');
  if (!isOpen(order)) return adminError(c, 409, 'ORDER_NOT_OPEN', `the order is ${order.status}`);
  return order;
}

/** Admin actions on a resting order: fill (some or all), cancel, expire — as if the exchange did it. */
export function orderActionRoutes(admin: Hono, state: SimState, engine: MatchingEngine): void {
  // Checked first, filled after: one unknown or closed order and nothing is filled.
  admin.post('/orders/fill', async (c) => {
    const body = await parseBody(c, fillManyBodySchema);
    if (!body.ok) return body.response;
    const orders: SimOrder[] = [];
    for (const id of body.value.orderIds) {
      const order = state.orders.byId(id);
      if (order === undefined || !isOpen(order)) {
        return adminError(c, 409, 'ORDER_NOT_OPEN', `order ${id} is unknown or not open`);
      }
      orders.push(order);
    }
    for (const order of orders) engine.fillResting(order, remainingOf(order));
    return c.json({ filled: orders.length });
  });
  admin.post('/orders/:orderId/fill', async (c) => {
    const order = openOrder(c, state);
    if (order instanceof Response) return order;
    const body = await parseBody(c, fillBodySchema);
    if (!body.ok) return body.response;
    const remaining = remainingOf(order);
    const qty = body.value.qty === undefined ? remaining : new Dec(body.value.qty);
    if (qty.lte(0) || qty.gt(remaining)) {
      return adminError(
        c,
        400,
        'INVALID_QTY',
        `qty must be above 0 and at most ${remaining.toString()}`,
      );
    }
    engine.fillResting(order, qty);
    return c.json(simOrderView(order));
  });
  admin.post('/orders/:orderId/cancel', (c) => {
    const order = openOrder(c, state);
    if (order instanceof Response) return order;
    engine.cancel(order, state.random.alphanumeric(22));
    return c.json(simOrderView(order));
  });
  admin.post('/orders/:orderId/expire', (c) => {
    const order = openOrder(c, state);
    if (order instanceof Response) return order;
    engine.expire(order);
    return c.json(simOrderView(order));
  });
}
