import {
  auditEventSchema,
  idToken,
  isoDateTime,
  operatorName,
  operatorRoleSchema,
  orderEventSchema,
} from '@livegate/contracts';
import { z } from 'zod';

// Answers of gateway routes whose body schemas live in the gateway, not in contracts; kept to the
// fields the dashboard reads (extra fields pass).

/** POST /api/auth/login */
export const sessionInfoSchema = z.object({
  operator: operatorName,
  role: operatorRoleSchema,
  expiresAt: isoDateTime,
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

/** GET /api/auth/me (a dashboard session; strategies' API keys never reach the dashboard). */
export const whoAmISchema = z.object({
  name: z.string(),
  role: z.enum(['operator', 'viewer', 'strategy']),
  expiresAt: isoDateTime.optional(),
});
export type WhoAmI = z.infer<typeof whoAmISchema>;

export const loggedOutSchema = z.object({ loggedOut: z.literal(true) });

/** GET /api/audit: newest first; `nextBefore` is the cursor of the next (older) page. */
export const auditPageSchema = z.object({
  items: z.array(auditEventSchema),
  nextBefore: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

/** A row of execution.orders as the gateway returns it: camelCase columns, only `intentId` certain. */
export const orderRowSchema = z.looseObject({ intentId: z.string() });
export type OrderRow = z.infer<typeof orderRowSchema>;

/** GET /api/orders */
export const orderPageSchema = z.object({ items: z.array(orderRowSchema) });

/** GET /api/orders/:intentId/events (when the gateway serves it). */
export const orderEventsSchema = z.object({ items: z.array(orderEventSchema) });

/** POST /api/reconcile */
export const reconcileAskedSchema = z.object({ requestId: idToken });
