import { z } from 'zod';
import { count, humanText, idToken, isoDateTime, operatorName, requiredField } from './common.js';

/**
 * The trading mode (DESIGN.md §3): `PAPER` (start state, live intents refused), `LIVE` (an armed
 * session is active until its expiry), `HALTED` (kill switch latched until an explicit release).
 */
export const tradingModeSchema = z
  .enum(['PAPER', 'LIVE', 'HALTED'], requiredField)
  .meta({ id: 'TradingMode' });
export const TradingMode = tradingModeSchema.enum;
export type TradingMode = z.infer<typeof tradingModeSchema>;

const after = (later: string, earlier: string) => Date.parse(later) > Date.parse(earlier);

/** An armed live session: who armed it, when, and when it disarms by itself (`expiresAt` > `startedAt`). */
export const liveSessionSchema = z
  .object({ id: idToken, operator: operatorName, startedAt: isoDateTime, expiresAt: isoDateTime })
  .refine((s) => after(s.expiresAt, s.startedAt), {
    path: ['expiresAt'],
    message: 'must be after startedAt',
  })
  .meta({ id: 'LiveSession' });
export type LiveSession = z.infer<typeof liveSessionSchema>;

/**
 * The current mode as the arming service sees it. `version` increases with every change, so a reader
 * can drop stale snapshots. `LIVE` always carries its `session`; `reconcileBlocked` is true while a
 * reconcile runs or has unresolved orders (arming is refused then).
 */
export const modeSnapshotSchema = z
  .object({
    mode: tradingModeSchema,
    version: count,
    session: liveSessionSchema.optional(),
    haltedBy: operatorName.optional(),
    haltReason: humanText.optional(),
    reconcileBlocked: z.boolean(requiredField),
  })
  .refine((m) => m.mode !== 'LIVE' || m.session !== undefined, {
    path: ['session'],
    message: 'required when mode is LIVE',
  })
  .meta({ id: 'ModeSnapshot' });
export type ModeSnapshot = z.infer<typeof modeSnapshotSchema>;

/**
 * Published on `mode.changed` after every committed mode change: the new and previous mode, the new
 * `version`, who and why (`operator` is `system` for a session that expired). A change to `LIVE`
 * carries the `sessionId` and its `expiresAt`.
 */
export const modeChangedSchema = z
  .object({
    mode: tradingModeSchema,
    previousMode: tradingModeSchema,
    version: count,
    operator: operatorName,
    reason: humanText,
    sessionId: idToken.optional(),
    expiresAt: isoDateTime.optional(),
    at: isoDateTime,
  })
  .superRefine((change, ctx) => {
    if (change.mode !== 'LIVE') return;
    for (const field of ['sessionId', 'expiresAt'] as const) {
      if (change[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: 'required when mode is LIVE' });
    }
  })
  .meta({ id: 'ModeChanged' });
export type ModeChanged = z.infer<typeof modeChangedSchema>;
