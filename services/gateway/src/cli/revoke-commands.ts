import { humanText, idToken, operatorName, parseResult } from '@livegate/contracts';
import { appendAudit } from '@livegate/db';
import { z } from 'zod';
import type { Db } from '../auth/operators.repository.js';
import type { CommandResult } from './commands.js';

const disableInput = z.object({ name: operatorName, reason: humanText.optional() });
const revokeInput = z.object({ id: idToken, reason: humanText.optional() });

const withReason = (reason: string | undefined): { reason?: string } =>
  reason === undefined ? {} : { reason };

/**
 * Disables an operator and revokes every open session of theirs in one transaction, audited: their
 * next HTTP call is refused, and their websockets close on the gateway's next session sweep.
 */
export async function disableOperator(
  db: Db,
  input: { name?: string | undefined; reason?: string | undefined },
  now: Date,
): Promise<CommandResult> {
  const parsed = parseResult(disableInput, input);
  if (!parsed.ok) return { ok: false, error: parsed.issues.join('; ') };
  const { name, reason } = parsed.value;
  return db.transaction().execute(async (trx): Promise<CommandResult> => {
    const disabled = await trx
      .updateTable('auth.operators')
      .set({ disabled_at: now })
      .where('name', '=', name)
      .where('disabled_at', 'is', null)
      .returning('name')
      .executeTakeFirst();
    if (disabled === undefined) {
      const known = await trx
        .selectFrom('auth.operators')
        .select('name')
        .where('name', '=', name)
        .executeTakeFirst();
      const why = known === undefined ? 'does not exist' : 'is already disabled';
      return { ok: false, error: `operator ${name} ${why}` };
    }
    const revoked = await trx
      .updateTable('auth.sessions')
      .set({ revoked_at: now })
      .where('operator', '=', name)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    const sessionsRevoked = Number(revoked.numUpdatedRows);
    await appendAudit(trx, {
      kind: 'auth.operator_disabled',
      actor: 'cli',
      subject: name,
      details: { sessionsRevoked, ...withReason(reason) },
    });
    return { ok: true, output: `operator ${name} disabled; ${sessionsRevoked} sessions revoked` };
  });
}

/** Revokes an API key (by the id `apikey:add` printed), audited; its next call is refused. */
export async function revokeApiKey(
  db: Db,
  input: { id?: string | undefined; reason?: string | undefined },
  now: Date,
): Promise<CommandResult> {
  const parsed = parseResult(revokeInput, input);
  if (!parsed.ok) return { ok: false, error: parsed.issues.join('; ') };
  const { id, reason } = parsed.value;
  return db.transaction().execute(async (trx): Promise<CommandResult> => {
    const key = await trx
      .selectFrom('auth.api_keys')
      .select(['label', 'revoked_at'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (key === undefined) return { ok: false, error: `no API key with id ${id}` };
    if (key.revoked_at !== null) return { ok: false, error: `API key ${id} is already revoked` };
    await trx.updateTable('auth.api_keys').set({ revoked_at: now }).where('id', '=', id).execute();
    await appendAudit(trx, {
      kind: 'auth.apikey_revoked',
      actor: 'cli',
      subject: key.label,
      details: { keyId: id, ...withReason(reason) },
    });
    return { ok: true, output: `API key ${id} (label ${key.label}) revoked` };
  });
}
