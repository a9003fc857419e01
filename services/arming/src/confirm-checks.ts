import { ARM_PHRASE, armTokenSchema, type TradingMode } from '@livegate/contracts';
import type { ArmTokenRow } from '@livegate/db';
import { refuse, type Refusal } from './refusal.js';

export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Refusal };

/** TOKEN_MISSING for no (or an empty) token, TOKEN_MALFORMED unless 64 lowercase hex characters. */
export function checkTokenShape(token: string | undefined): Checked<string> {
  if (token === undefined || token === '') return { ok: false, error: refuse('TOKEN_MISSING') };
  if (!armTokenSchema.safeParse(token).success)
    return { ok: false, error: refuse('TOKEN_MALFORMED') };
  return { ok: true, value: token };
}

export interface TokenCheck {
  /** The stored token the presented one hashes to, if any. */
  readonly row: ArmTokenRow | undefined;
  /** Who confirms. */
  readonly operator: string;
  readonly now: Date;
  readonly requireSecondOperator: boolean;
}

function tokenRefusal(
  row: ArmTokenRow,
  { operator, now, requireSecondOperator }: TokenCheck,
): Refusal | undefined {
  if (requireSecondOperator && row.operator === operator) return refuse('SECOND_OPERATOR_REQUIRED');
  if (!requireSecondOperator && row.operator !== operator) return refuse('TOKEN_OTHER_OPERATOR');
  if (row.used_at !== null) return refuse('TOKEN_USED');
  if (row.superseded_at !== null)
    return refuse('TOKEN_USED', 'The arm token is void: a newer request or a kill replaced it.');
  if (row.expires_at <= now) return refuse('TOKEN_EXPIRED');
  return undefined;
}

/**
 * Whether the presented token may arm: known, confirmed by its own operator (or, with four-eyes, by
 * another one), neither used nor superseded, not expired.
 */
export function checkToken(check: TokenCheck): Checked<ArmTokenRow> {
  if (check.row === undefined) return { ok: false, error: refuse('TOKEN_UNKNOWN') };
  const error = tokenRefusal(check.row, check);
  return error === undefined ? { ok: true, value: check.row } : { ok: false, error };
}

export interface ArmableCheck {
  readonly confirmation: string;
  readonly mode: TradingMode;
  readonly reconcileBlocked: boolean;
}

/** Whether the phrase is right and the trading state allows arming now. */
export function armableRefusal({
  confirmation,
  mode,
  reconcileBlocked,
}: ArmableCheck): Refusal | undefined {
  if (confirmation !== ARM_PHRASE) return refuse('WRONG_PHRASE');
  if (mode === 'HALTED') return refuse('HALTED');
  if (mode === 'LIVE') return refuse('ALREADY_LIVE');
  if (reconcileBlocked) return refuse('RECONCILE_PENDING');
  return undefined;
}
