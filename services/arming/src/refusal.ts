import type { ArmingError, ArmingErrorCode } from '@livegate/contracts';

/** A refused arming verb: a code and one sentence, never a token. */
export type Refusal = ArmingError;

const SENTENCES: Record<ArmingErrorCode, string> = {
  TOKEN_MISSING: 'No arm token was sent; ask for one with "request" first.',
  TOKEN_MALFORMED: 'The arm token is not 64 lowercase hex characters.',
  TOKEN_UNKNOWN: 'This arm token was never issued.',
  TOKEN_EXPIRED: 'The arm token expired; request a new one.',
  TOKEN_USED: 'The arm token was already used.',
  TOKEN_OTHER_OPERATOR: 'The arm token belongs to another operator.',
  WRONG_PHRASE: 'The confirmation phrase is wrong; type ARM LIVE exactly.',
  ALREADY_LIVE: 'Trading is already LIVE.',
  HALTED: 'Trading is HALTED by the kill switch; release it first.',
  NOT_LIVE: 'Trading is not LIVE, so there is nothing to disarm.',
  NOT_HALTED: 'Trading is not HALTED, so there is nothing to release.',
  RECONCILE_PENDING: 'A reconcile is running or has unresolved orders; arm once it is clean.',
  SECOND_OPERATOR_REQUIRED: 'Four-eyes mode: another operator must confirm this token.',
  RATE_LIMITED: 'Too many refused arming attempts.',
  NOT_AUTHORIZED: 'Not authorized.',
  INVALID_REQUEST: 'The request is invalid.',
  OPERATOR_UNKNOWN: 'The operator is not an operator of this installation.',
  OPERATOR_DISABLED: 'The operator is disabled.',
  OPERATOR_NOT_ALLOWED: 'The operator does not hold the operator role.',
};

/** A refusal with the standard sentence for `code`, or a more specific one. */
export function refuse(code: ArmingErrorCode, message: string = SENTENCES[code]): Refusal {
  return { code, message };
}
