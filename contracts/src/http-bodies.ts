import { z } from 'zod';
import { armTokenSchema } from './arming.js';
import { auditEventSchema } from './audit.js';
import { humanText, idToken, isoDateTime, operatorName, requiredField } from './common.js';
import { intentIdSchema, intentModeSchema } from './intent.js';
import { orderEventSchema } from './order-event.js';
import { reconcileCompletedSchema } from './reconcile.js';
import { operatorRoleSchema } from './ws-frame.js';

// The bodies of the gateway's HTTP API (requests and answers), shared by the gateway, which
// documents its routes with them, and the dashboard, which parses every answer with them.

/** `POST /api/auth/login`. */
export const loginRequestSchema = z
  .strictObject({
    name: operatorName,
    password: z
      .string(requiredField)
      .min(1, 'required')
      .max(1024, 'must be at most 1024 characters'),
  })
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** The answer to a sign-in: who, with which role, until when (the session cookie is httpOnly). */
export const sessionInfoSchema = z
  .object({ operator: operatorName, role: operatorRoleSchema, expiresAt: isoDateTime })
  .meta({ id: 'SessionInfo' });
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

/** Who may call the API: dashboard roles, and `strategy` for API keys. */
export const callerRoleSchema = z.enum(['operator', 'viewer', 'strategy'], requiredField);
export type CallerRole = z.infer<typeof callerRoleSchema>;

/** `GET /api/auth/me`: the caller; `expiresAt` only for a dashboard session. */
export const whoAmISchema = z
  .object({
    name: z.string(requiredField),
    role: callerRoleSchema,
    expiresAt: isoDateTime.optional(),
  })
  .meta({ id: 'WhoAmI' });
export type WhoAmI = z.infer<typeof whoAmISchema>;

/** `POST /api/auth/logout`. */
export const loggedOutSchema = z.object({ loggedOut: z.literal(true) }).meta({ id: 'LoggedOut' });

/** `POST /api/live/arm`: step 1 of ARM LIVE. */
export const armLiveRequestSchema = z
  .strictObject({ reason: humanText })
  .meta({ id: 'ArmLiveRequest' });

/** `POST /api/live/start`: step 2, the token from step 1 and the typed phrase. */
export const startLiveRequestSchema = z
  .strictObject({
    token: armTokenSchema,
    confirmation: z.string().max(100, 'must be at most 100 characters'),
  })
  .meta({ id: 'StartLiveRequest' });

/** `POST /api/live/stop`: the reason is optional. */
export const stopLiveRequestSchema = z
  .strictObject({ reason: humanText.optional() })
  .meta({ id: 'StopLiveRequest' });

/** `POST /api/live/kill` and `POST /api/live/release`. */
export const reasonRequestSchema = z
  .strictObject({ reason: humanText })
  .meta({ id: 'ReasonRequest' });

/**
 * `GET /api/live/info`: what an operator is told before arming — the live venue and account (labels
 * from the gateway's configuration; `liveAccount` null when not configured), how long a live session
 * lasts and how long an arming token is valid, in seconds.
 */
export const liveInfoSchema = z
  .object({
    liveVenue: z.string(requiredField).min(1).max(200),
    liveAccount: z.string(requiredField).min(1).max(200).nullable(),
    sessionMaxS: z.int(requiredField).positive(),
    tokenTtlS: z.int(requiredField).positive(),
  })
  .meta({ id: 'LiveInfo' });
export type LiveInfo = z.infer<typeof liveInfoSchema>;

/** `POST /api/orders`: the intent went onto the bus (or the bus had seen its key already). */
export const intentAcceptedSchema = z
  .object({
    intentId: intentIdSchema,
    duplicate: z
      .boolean()
      .meta({ description: 'true when the bus had already seen this key (no new message)' }),
  })
  .meta({ id: 'IntentAccepted' });

/**
 * A row of `execution.orders`, columns in camelCase (dates as ISO strings, numerics as decimal
 * strings). Only `intentId` is certain; every other column passes through as is.
 */
export const orderRowSchema = z
  .looseObject({
    intentId: z.string(requiredField),
    state: z.string().optional(),
    mode: z.string().optional(),
  })
  .meta({ id: 'OrderRow', description: 'A row of execution.orders, columns in camelCase' });
export type OrderRow = z.infer<typeof orderRowSchema>;

/** `GET /api/orders`: newest first. */
export const orderPageSchema = z
  .object({ items: z.array(orderRowSchema) })
  .meta({ id: 'OrderPage' });
export type OrderPage = z.infer<typeof orderPageSchema>;

/** `GET /api/orders/{intentId}/events`: oldest first. */
export const orderEventListSchema = z
  .object({ items: z.array(orderEventSchema) })
  .meta({ id: 'OrderEventList' });

/** `GET /api/audit`: newest first; `nextBefore` is the cursor of the next (older) page. */
export const auditPageSchema = z
  .object({
    items: z.array(auditEventSchema),
    nextBefore: z
      .string(requiredField)
      .nullable()
      .meta({ description: 'Pass as `before` for the next (older) page' }),
  })
  .meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof auditPageSchema>;

/** `POST /api/reconcile`: without `venue` every venue is reconciled. */
export const reconcileAskSchema = z
  .strictObject({ venue: intentModeSchema.optional() })
  .meta({ id: 'ReconcileAsk', description: 'Without venue every venue is reconciled' });

/** The answer: find the run by this id in `reconcile.completed`. */
export const reconcileAskedSchema = z.object({ requestId: idToken }).meta({ id: 'ReconcileAsked' });

/**
 * An open order on a venue that livegate did not place, as the reconciler recorded it
 * (`reconcile.external_orders`): `status` is the venue's last seen; `action` is `report` (listed only)
 * or `cancelled` (the reconciler cancelled it, EXTERNAL_ORDERS=cancel).
 */
export const externalOrderSchema = z
  .object({
    venue: z.string(requiredField),
    symbol: z.string(requiredField),
    exchangeOrderId: z.string(requiredField),
    clientOrderId: z.string(requiredField),
    status: z.string(requiredField),
    action: z.enum(['report', 'cancelled'], requiredField),
    firstSeenAt: isoDateTime,
    lastSeenAt: isoDateTime,
  })
  .meta({ id: 'ExternalOrder' });
export type ExternalOrder = z.infer<typeof externalOrderSchema>;

/** `GET /api/reconcile/external`: most recently seen first. */
export const externalOrderListSchema = z
  .object({ items: z.array(externalOrderSchema) })
  .meta({ id: 'ExternalOrderList' });

/** `GET /api/reconcile/last`: the newest finished run of each venue. */
export const lastReconcileSchema = z
  .object({ items: z.array(reconcileCompletedSchema) })
  .meta({ id: 'LastReconcileReports' });
