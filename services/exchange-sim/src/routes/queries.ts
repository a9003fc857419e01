import type { Hono } from 'hono';
import { errors } from '../errors.js';
import { findOrder } from '../order-lookup.js';
import { symbolParam } from '../order-request.js';
import { orderQueryView } from '../order-views.js';
import { isOpen, type SimOrder } from '../orders-store.js';
import { visibleOn } from '../read-lag.js';
import { replyError } from '../reply.js';
import type { SimState } from '../state.js';
import { accountView, tradeView } from './account-views.js';
import { historyWindow } from './history.js';
import { booleanParam, ENDPOINT_PARAMS } from '../param-names.js';
import { signed } from './signed.js';

const MYTRADES_COMBINATIONS = [
  '',
  'orderId',
  'startTime',
  'endTime',
  'fromId',
  'startTime,endTime',
  'orderId,fromId',
];

/** GET order, openOrders, allOrders, myTrades, account (USER_DATA). */
export function queryRoutes(app: Hono, state: SimState): void {
  app.get(
    '/api/v3/order',
    signed(state, ENDPOINT_PARAMS.getOrder, (c, { account, params }) => {
      const spec = symbolParam(params, state.specs);
      if (!spec.ok) return replyError(c, spec.error);
      const found = findOrder(
        state.orders,
        { apiKey: account.apiKey, symbol: spec.value.symbol },
        params,
        'query',
        (o) => visibleOn(o, '/api/v3/order', state.clock()),
      );
      if (!found.ok) return replyError(c, found.error);
      return c.json(orderQueryView(found.value));
    }),
  );

  app.get(
    '/api/v3/openOrders',
    signed(state, ENDPOINT_PARAMS.openOrders, (c, { account, params }) => {
      const spec = params.has('symbol') ? symbolParam(params, state.specs) : undefined;
      if (spec?.ok === false) return replyError(c, spec.error);
      const scope =
        spec === undefined
          ? { apiKey: account.apiKey }
          : { apiKey: account.apiKey, symbol: spec.value.symbol };
      const now = state.clock();
      return c.json(
        state.orders
          .list(scope)
          .filter((o) => isOpen(o) && visibleOn(o, '/api/v3/openOrders', now))
          .map(orderQueryView),
      );
    }),
  );

  app.get(
    '/api/v3/allOrders',
    signed(state, ENDPOINT_PARAMS.allOrders, (c, { account, params }) => {
      const spec = symbolParam(params, state.specs);
      if (!spec.ok) return replyError(c, spec.error);
      const window = historyWindow(params, 'orderId');
      if (!window.ok) return replyError(c, window.error);
      const now = state.clock();
      const rows = state.orders
        .list({ apiKey: account.apiKey, symbol: spec.value.symbol })
        .filter((o) => visibleOn(o, '/api/v3/allOrders', now));
      return c.json(
        window.value
          .select(
            rows,
            (o) => o.orderId,
            (o) => o.time,
          )
          .map(orderQueryView),
      );
    }),
  );

  app.get(
    '/api/v3/myTrades',
    signed(state, ENDPOINT_PARAMS.myTrades, (c, { account, params }) => {
      const spec = symbolParam(params, state.specs);
      if (!spec.ok) return replyError(c, spec.error);
      const given = ['orderId', 'startTime', 'endTime', 'fromId']
        .filter((p) => params.has(p))
        .join(',');
      if (!MYTRADES_COMBINATIONS.includes(given)) return replyError(c, errors.badCombination());
      const window = historyWindow(params, 'fromId');
      if (!window.ok) return replyError(c, window.error);
      const orderId = params.get('orderId');
      const now = state.clock();
      const trades = state.orders
        .trades(account.apiKey, spec.value.symbol)
        .filter((t) => orderId === undefined || String(t.orderId) === orderId)
        .filter((t) =>
          visibleOn(state.orders.byId(t.orderId) as SimOrder, '/api/v3/myTrades', now),
        );
      return c.json(
        window.value
          .select(
            trades,
            (t) => t.id,
            (t) => t.time,
          )
          .map(tradeView),
      );
    }),
  );

  app.get(
    '/api/v3/account',
    signed(state, ENDPOINT_PARAMS.account, (c, { account, params }) => {
      const omit = booleanParam(params, 'omitZeroBalances');
      if (!omit.ok) return replyError(c, omit.error);
      return c.json(accountView(account, omit.value === true));
    }),
  );
}
