import type { ArmTokenRow } from '@livegate/db';
import type { Trx } from './db.js';

export interface NewArmToken {
  readonly tokenHash: string;
  readonly operator: string;
  readonly reason: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export async function insertArmToken(trx: Trx, t: NewArmToken): Promise<string> {
  const row = await trx
    .insertInto('arming.tokens')
    .values({
      token_hash: t.tokenHash,
      operator: t.operator,
      reason: t.reason,
      created_at: t.createdAt,
      expires_at: t.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Marks the operator's unused tokens superseded; returns how many. */
export async function supersedeOpenTokens(trx: Trx, operator: string, at: Date): Promise<number> {
  const rows = await trx
    .updateTable('arming.tokens')
    .set({ superseded_at: at })
    .where('operator', '=', operator)
    .where('used_at', 'is', null)
    .where('superseded_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

/** A kill voids every outstanding token (of any operator); returns how many. */
export async function voidOpenTokens(trx: Trx, at: Date): Promise<number> {
  const rows = await trx
    .updateTable('arming.tokens')
    .set({ superseded_at: at })
    .where('used_at', 'is', null)
    .where('superseded_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

export async function findArmTokenForUpdate(
  trx: Trx,
  tokenHash: string,
): Promise<ArmTokenRow | undefined> {
  return trx
    .selectFrom('arming.tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
}

export async function markArmTokenUsed(trx: Trx, id: string, by: string, at: Date): Promise<void> {
  await trx
    .updateTable('arming.tokens')
    .set({ used_at: at, used_by: by })
    .where('id', '=', id)
    .execute();
}
