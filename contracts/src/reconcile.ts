import { z } from 'zod';
import { count, humanText, idToken, isoDateTime, operatorName, requiredField } from './common.js';
import { intentModeSchema } from './intent.js';
import { orderStateSchema } from './order-state.js';

/** What started a reconcile run. */
export const reconcileTriggerSchema = z
  .enum(['startup', 'request', 'interval', 'execution-start', 'operator'], requiredField)
  .meta({ id: 'ReconcileTrigger' });
export type ReconcileTrigger = z.infer<typeof reconcileTriggerSchema>;

/**
 * A request for a reconcile run on `reconcile.request`; without `venue` every venue is reconciled.
 * `requestId` lets the asker find its run in `reconcile.completed`.
 */
export const reconcileRequestSchema = z
  .object({
    requestId: idToken,
    trigger: reconcileTriggerSchema,
    venue: intentModeSchema.optional(),
    requestedBy: operatorName.optional(),
    at: isoDateTime,
  })
  .meta({ id: 'ReconcileRequest' });
export type ReconcileRequest = z.infer<typeof reconcileRequestSchema>;

const STATES = orderStateSchema.options.join('|');
const transition = z
  .string()
  .regex(new RegExp(`^(${STATES})->(${STATES})$`), 'must be "FROM->TO" with two order states');

/**
 * The report of a finished run on `reconcile.completed`. `rowsChanged` counts rows per state
 * transition (`"UNKNOWN->NOT_PLACED": 1`); `unresolved` > 0 or any `errors` mean the database may
 * still disagree with the exchange (arming stays blocked). `finishedAt` is not before `startedAt`.
 */
export const reconcileCompletedSchema = z
  .object({
    runId: idToken,
    requestId: idToken.optional(),
    trigger: reconcileTriggerSchema,
    venue: intentModeSchema,
    startedAt: isoDateTime,
    finishedAt: isoDateTime,
    durationMs: count,
    rowsChecked: count,
    rowsChanged: z.record(transition, count, {
      error: (issue) =>
        issue.code === 'invalid_key'
          ? 'key must be "FROM->TO" with two order states'
          : requiredField.error(issue),
    }),
    fillsAdded: count,
    externalOrders: count,
    unresolved: count,
    errors: z.array(
      z.object({ code: z.string(requiredField).min(1).max(64), message: humanText }),
      requiredField,
    ),
  })
  .refine((run) => Date.parse(run.finishedAt) >= Date.parse(run.startedAt), {
    path: ['finishedAt'],
    message: 'must not be before startedAt',
  })
  .meta({ id: 'ReconcileCompleted' });
export type ReconcileCompleted = z.infer<typeof reconcileCompletedSchema>;
