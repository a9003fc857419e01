import type { ArmingRequest, ArmTokenIssued } from '@livegate/contracts';
import { hashArmToken, newArmToken } from './arm-token.js';
import type { ArmingRules } from './config.js';
import { refuse } from './refusal.js';
import type { DecideInput } from './run-verb.js';
import { insertArmToken, supersedeOpenTokens } from './tokens.repository.js';
import type { Decision } from './verb-outcome.js';

/**
 * `arming.request`: a fresh single-use token for the operator (only its hash is stored), valid for
 * `tokenTtlMs`; the operator's earlier unused tokens are superseded. Refused while HALTED or LIVE.
 */
export async function decideRequest(
  { trx, state, now }: DecideInput,
  req: ArmingRequest<'request'>,
  rules: Pick<ArmingRules, 'tokenTtlMs'>,
): Promise<Decision<ArmTokenIssued>> {
  if (state.mode === 'HALTED') return { ok: false, error: refuse('HALTED') };
  if (state.mode === 'LIVE') return { ok: false, error: refuse('ALREADY_LIVE') };
  const superseded = await supersedeOpenTokens(trx, req.operator, now);
  const token = newArmToken();
  const expiresAt = new Date(now.getTime() + rules.tokenTtlMs);
  const tokenId = await insertArmToken(trx, {
    tokenHash: hashArmToken(token),
    operator: req.operator,
    reason: req.reason,
    createdAt: now,
    expiresAt,
  });
  return {
    ok: true,
    result: { token, expiresAt: expiresAt.toISOString() },
    audit: {
      kind: 'arming.requested',
      actor: req.operator,
      subject: `token-${tokenId}`,
      details: { tokenId, reason: req.reason, expiresAt: expiresAt.toISOString(), superseded },
    },
  };
}
