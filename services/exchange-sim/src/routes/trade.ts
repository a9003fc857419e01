import type { Hono } from 'hono';
import { fmt8 } from '../decimal.js';
import { errors } from '../errors.js';
import type { MatchingEngine, Placement } from '../matching.js';
import { findOrder } from '../order-lookup.js';
import { clientOrderIdParam, parseNewOrder, symbolParam } from '../order-request.js';
import { ackView, cancelView, fullView, resultView } from '../order-views.js';
import { isOpen } from '../orders-store.js';
import { readLagFrom } from '../read-lag.js';
import { replyError } from '../reply.js';
import type { SimState } from '../state.js';
import { booleanParam, ENDPOINT_PARAMS } from '../param-names.js';
import { signed } from './signed.js';

const CANCEL_RESTRICTIONS: readonly string[] = ['ONLY_NEW', 'ONLY_PARTIALLY_FILLED'];

function placementView({ order, fills, prevented, respType }: Placement) {
  if (respType === 'ACK') return ackView(order);
  if (respType === 'RESULT') return resultView(order, prevented);
  return fullView(order, fills, prevented);
}

/** POST /order, POST /order/test, DELETE /order, DELETE /openOrders. */
export function tradeRoutes(app: Hono, state: SimState, engine: MatchingEngine): void {
  app.post(
    '/api/v3/order',
    signed(state, ENDPOINT_PARAMS.newOrder, (c, { account, params }) => {
      const counted = state.rateLimiter.admitOrder(account.apiKey);
      if (!counted.ok) return replyError(c, counted.error);
      const request = parseNewOrder(params, state.specs);
      const placed = request.ok ? engine.place(account, request.value) : request;
      if (!placed.ok) return replyError(c, placed.error);
      const lag = state.faults.takeReadLag();
      if (lag !== undefined) placed.value.order.readLag = readLagFrom(lag, placed.value.order.time);
      return c.json(placementView(placed.value));
    }),
  );

  app.post(
    '/api/v3/order/test',
    signed(state, ENDPOINT_PARAMS.testOrder, (c, { account, params }) => {
      const request = parseNewOrder(params, state.specs);
      const checked = request.ok ? engine.check(request.value) : request;
      if (!checked.ok) return replyError(c, checked.error);
      const rates = booleanParam(params, 'computeCommissionRates');
      if (!rates.ok) return replyError(c, rates.error);
      if (rates.value !== true) return c.json({});
      const zero = fmt8(account.makerRate.mul(0));
      return c.json({
        standardCommissionForOrder: {
          maker: fmt8(account.makerRate),
          taker: fmt8(account.takerRate),
        },
        specialCommissionForOrder: { maker: zero, taker: zero },
        taxCommissionForOrder: { maker: zero, taker: zero },
        discount: {
          enabledForAccount: false,
          enabledForSymbol: false,
          discountAsset: 'BNB',
          discount: '0.25000000',
        },
      });
    }),
  );

  app.delete(
    '/api/v3/order',
    signed(state, ENDPOINT_PARAMS.cancelOrder, (c, { account, params }) => {
      const spec = symbolParam(params, state.specs);
      if (!spec.ok) return replyError(c, spec.error);
      const cancelId = clientOrderIdParam(params, 'newClientOrderId');
      if (!cancelId.ok) return replyError(c, cancelId.error);
      const restriction = params.get('cancelRestrictions');
      if (restriction !== undefined && !CANCEL_RESTRICTIONS.includes(restriction)) {
        return replyError(c, errors.invalidCancelRestrictions());
      }
      const found = findOrder(
        state.orders,
        { apiKey: account.apiKey, symbol: spec.value.symbol },
        params,
        'cancel',
      );
      if (!found.ok) return replyError(c, found.error);
      const order = found.value;
      if (!isOpen(order)) return replyError(c, errors.unknownOrderCancel());
      if (
        (restriction === 'ONLY_NEW' && order.status !== 'NEW') ||
        (restriction === 'ONLY_PARTIALLY_FILLED' && order.status !== 'PARTIALLY_FILLED')
      ) {
        return replyError(c, errors.cancelRestricted());
      }
      engine.cancel(order, cancelId.value ?? state.random.alphanumeric(22));
      return c.json(cancelView(order));
    }),
  );

  app.delete(
    '/api/v3/openOrders',
    signed(state, ENDPOINT_PARAMS.cancelOpenOrders, (c, { account, params }) => {
      const spec = symbolParam(params, state.specs);
      if (!spec.ok) return replyError(c, spec.error);
      const open = state.orders
        .list({ apiKey: account.apiKey, symbol: spec.value.symbol })
        .filter(isOpen);
      if (open.length === 0) return replyError(c, errors.unknownOrderCancel());
      for (const order of open) engine.cancel(order, state.random.alphanumeric(22));
      return c.json(open.map(cancelView));
    }),
  );
}
