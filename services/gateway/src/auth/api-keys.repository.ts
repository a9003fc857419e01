import { randomUUID } from 'node:crypto';
import type { Db } from './operators.repository.js';
import { randomSecret, sha256Hex } from './secrets.js';

const KEY_PREFIX = 'lgk_';

export interface ActiveApiKey {
  readonly id: string;
  readonly label: string;
  /** The strategy the key is; `null` for a key issued before sources (refused until re-issued). */
  readonly source: string | null;
}

/** Creates a `strategy` key for one source; the key is returned once, only its sha256 is stored. */
export async function createApiKey(
  db: Db,
  { label, source, now }: { label: string; source: string; now: Date },
): Promise<{ id: string; key: string }> {
  const key = `${KEY_PREFIX}${randomSecret()}`;
  const id = randomUUID();
  await db
    .insertInto('auth.api_keys')
    .values({ id, label, source, key_hash: sha256Hex(key), created_at: now, revoked_at: null })
    .execute();
  return { id, key };
}

/** The unrevoked key behind a bearer value (looked up by its hash). */
export async function findActiveApiKey(db: Db, key: string): Promise<ActiveApiKey | undefined> {
  return db
    .selectFrom('auth.api_keys')
    .select(['id', 'label', 'source'])
    .where('key_hash', '=', sha256Hex(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}
