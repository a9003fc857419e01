import { randomUUID } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import {
  cancelAcceptedSchema,
  cancelAllBodySchema,
  cancelAllResultSchema,
  cancelIdSchema,
  cancelMsgId,
  intentIdSchema,
  intentSourceSchema,
  isTerminalOrderState,
  operatorCancelBodySchema,
  orderCancelSchema,
  type CancelAccepted,
  type CancelRequester,
  type OrderState,
} from '@livegate/contracts';
import type { JsonObject } from '@livegate/db';
import { principalOf, sessionOf } from '../auth/principal.js';
import { ApiError } from '../http/api-error.js';
import { errorResponse, jsonBody, jsonResponse, withAccess } from '../http/route-access.js';
import { openOrdersOfSymbol } from '../orders/open-orders.repository.js';
import { findOrders } from '../orders/orders.repository.js';
import type { GatewayApp, RouteDeps } from './deps.js';

const params = z.object({ intentId: intentIdSchema });
const strategyQuery = z.strictObject({
  source: intentSourceSchema
    .optional()
    .meta({ description: "The order's strategy; an API key may name only its own" }),
});

const notFound = (intentId: string, source?: string) =>
  new ApiError(
    404,
    'NOT_FOUND',
    source === undefined
      ? `no order with intentId ${intentId}`
      : `no order of source ${source} with intentId ${intentId}`,
  );

interface Target {
  readonly intentId: string;
  readonly source: string;
  readonly state: OrderState;
}

/**
 * Issue 13: cancels. A strategy cancels its own order (`DELETE /api/orders/{intentId}` with its key);
 * an operator cancels one order or every open order of a symbol (reason required, audited). Each
 * cancel is published on `orders.cancel.<source>` for execution, which records it, waits for an
 * unresolved placement, and publishes PENDING_CANCEL and the outcome as order events (the cancel's own
 * outcome: `orders.cancel-outcome.<source>.<cancelId>`, `GET /api/cancels/{cancelId}`). A finished
 * order is answered at once with its final state (nothing is published).
 */
export function registerOrderCancelRoutes(app: GatewayApp, deps: RouteDeps): void {
  const { bus, db } = deps;

  async function publish(
    target: Target,
    cancelId: string,
    requestedBy: CancelRequester,
    reason?: string,
  ): Promise<boolean> {
    const cancel = {
      cancelId,
      intentId: target.intentId,
      source: target.source,
      requestedBy,
      ...(reason !== undefined && { reason }),
      at: new Date().toISOString(),
    };
    try {
      const ack = await bus.publish(
        bus.subjects.orderCancel(target.source),
        orderCancelSchema,
        cancel,
        {
          msgId: cancelMsgId(cancel),
        },
      );
      return ack.duplicate;
    } catch (err) {
      deps.logger.error({ err, intentId: target.intentId }, 'cancel not published');
      throw new ApiError(503, 'UNAVAILABLE', 'the bus did not take the cancel; retry');
    }
  }

  const finalAnswer = (t: Target): CancelAccepted => ({
    intentId: t.intentId,
    source: t.source,
    state: t.state,
    final: true,
    message: `the order is ${t.state} already; there is nothing to cancel`,
  });

  const pendingAnswer = (t: Target, cancelId: string, duplicate: boolean): CancelAccepted => ({
    intentId: t.intentId,
    source: t.source,
    cancelId,
    state: t.state,
    final: false,
    duplicate,
    message: `cancel requested; its outcome follows as order events (PENDING_CANCEL, then CANCELED or the final state) and at GET /api/cancels/${cancelId}`,
  });

  async function one(intentId: string, source: string | undefined): Promise<Target> {
    const rows = await findOrders(db, intentId, source);
    if (rows.length > 1)
      throw new ApiError(
        409,
        'CONFLICT',
        `intentId ${intentId} is used by ${rows.length} sources; ask again with "source"`,
      );
    const row = rows[0];
    if (row === undefined) throw notFound(intentId, source);
    return {
      intentId,
      source: row['source'] as string,
      state: row['state'] as OrderState,
    };
  }

  app.openapi(
    withAccess(
      ['strategy'],
      deps.guard,
      createRoute({
        method: 'delete',
        path: '/api/orders/{intentId}',
        summary:
          "Cancel one of the key's own orders (Idempotency-Key, optional, is the cancelId); a finished order answers its final state",
        tags: ['orders'],
        request: {
          params,
          query: strategyQuery,
          headers: z.object({
            'idempotency-key': cancelIdSchema
              .optional()
              .meta({ description: 'The cancelId: a retry with the same one is the same cancel' }),
          }),
        },
        responses: {
          200: jsonResponse(cancelAcceptedSchema, 'The order had finished: its final state'),
          202: jsonResponse(cancelAcceptedSchema, 'Published on orders.cancel.<source>'),
          403: errorResponse("SOURCE_FORBIDDEN: the order's source is not the key's"),
          404: errorResponse('NOT_FOUND: the key has no order with that intentId'),
          503: errorResponse('UNAVAILABLE: the bus did not take the cancel'),
        },
      }),
    ),
    async (c) => {
      const { intentId } = c.req.valid('param');
      const own = (principalOf(c) as { source: string }).source;
      const asked = c.req.valid('query').source;
      if (asked !== undefined && asked !== own) {
        throw new ApiError(
          403,
          'SOURCE_FORBIDDEN',
          `this API key cancels orders of source ${JSON.stringify(own)} only, not ${JSON.stringify(asked)}`,
        );
      }
      const target = await one(intentId, own);
      if (isTerminalOrderState(target.state)) return c.json(finalAnswer(target), 200);
      const cancelId = c.req.valid('header')['idempotency-key'] ?? randomUUID();
      const duplicate = await publish(target, cancelId, { kind: 'strategy' });
      return c.json(pendingAnswer(target, cancelId, duplicate), 202);
    },
  );

  /** Audits an operator's cancel request and announces it. */
  async function audit(
    operator: string,
    entry: { kind: string; subject: string; details: JsonObject },
  ) {
    const row = await deps.audit.append(db, { ...entry, actor: operator });
    await deps.audit.announce(row);
  }

  app.openapi(
    withAccess(
      ['operator'],
      deps.guard,
      createRoute({
        method: 'post',
        path: '/api/orders/{intentId}/cancel',
        summary:
          'Cancel one order (operators, with a reason; audited as order.cancel_requested); a finished order answers its final state',
        tags: ['orders'],
        request: { params, body: jsonBody(operatorCancelBodySchema) },
        responses: {
          200: jsonResponse(cancelAcceptedSchema, 'The order had finished: its final state'),
          202: jsonResponse(cancelAcceptedSchema, 'Published on orders.cancel.<source>'),
          404: errorResponse('NOT_FOUND: no such order'),
          409: errorResponse('CONFLICT: several strategies used this intentId; add "source"'),
          503: errorResponse('UNAVAILABLE: the bus did not take the cancel'),
        },
      }),
    ),
    async (c) => {
      const { intentId } = c.req.valid('param');
      const { reason, source } = c.req.valid('json');
      const target = await one(intentId, source);
      const operator = sessionOf(c).name;
      const details = { intentId, source: target.source, state: target.state, reason };
      const subject = `${target.source}/${intentId}`;
      if (isTerminalOrderState(target.state)) {
        await audit(operator, {
          kind: 'order.cancel_requested',
          subject,
          details: { ...details, final: true },
        });
        return c.json(finalAnswer(target), 200);
      }
      const cancelId = randomUUID();
      const duplicate = await publish(target, cancelId, { kind: 'operator', operator }, reason);
      await audit(operator, {
        kind: 'order.cancel_requested',
        subject,
        details: { ...details, cancelId },
      });
      deps.logger.info({ operator, intentId, source: target.source }, 'operator cancel requested');
      return c.json(pendingAnswer(target, cancelId, duplicate), 202);
    },
  );

  app.openapi(
    withAccess(
      ['operator'],
      deps.guard,
      createRoute({
        method: 'post',
        path: '/api/orders/cancel-all',
        summary:
          'Cancel every open order of a symbol (operators, with a reason; audited as order.cancel_all_requested): one cancel per order',
        tags: ['orders'],
        request: { body: jsonBody(cancelAllBodySchema) },
        responses: {
          202: jsonResponse(cancelAllResultSchema, 'One cancel published per open order'),
          503: errorResponse('UNAVAILABLE: the bus did not take a cancel'),
        },
      }),
    ),
    async (c) => {
      const { symbol, mode, reason } = c.req.valid('json');
      const operator = sessionOf(c).name;
      const requested = [];
      for (const target of await openOrdersOfSymbol(db, { symbol, mode })) {
        const cancelId = randomUUID();
        await publish(
          { ...target, state: target.state as OrderState },
          cancelId,
          { kind: 'operator', operator },
          reason,
        );
        requested.push({ intentId: target.intentId, source: target.source, cancelId });
      }
      await audit(operator, {
        kind: 'order.cancel_all_requested',
        subject: symbol,
        details: { symbol, mode: mode ?? null, reason, requested },
      });
      deps.logger.info({ operator, symbol, count: requested.length }, 'operator cancel-all');
      return c.json({ symbol, requested }, 202);
    },
  );
}
