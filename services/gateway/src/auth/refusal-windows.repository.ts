import type { RefusalWindowRow } from '@livegate/db';
import { sql } from 'kysely';
import type { Db } from './operators.repository.js';

/** What refusals are counted by: `address` is `''` when the client address is unknown. */
export interface RefusalKey {
  readonly code: string;
  readonly actor: string;
  readonly address: string;
  readonly route: string;
}

/** Where the refusals of a window beyond its `maxKeys` distinct keys are counted, per code. */
export const overflowKey = (code: string): RefusalKey => ({
  code,
  actor: '*',
  address: '',
  route: '*',
});

const isOverflow = (k: RefusalKey) => k.actor === '*' && k.route === '*';

/**
 * Counts one refusal of `key` in the window starting `windowStart` and returns the window's count for
 * it (1: the first). A key new to a window that already holds `maxKeys` keys is counted under its
 * code's overflow key instead (`overflow`).
 */
export async function countRefusal(
  db: Db,
  { windowStart, key, maxKeys }: { windowStart: Date; key: RefusalKey; maxKeys: number },
): Promise<{ count: number; overflow: boolean }> {
  const known = await db
    .selectFrom('auth.refusal_windows')
    .select('count')
    .where('window_start', '=', windowStart)
    .where('code', '=', key.code)
    .where('actor', '=', key.actor)
    .where('address', '=', key.address)
    .where('route', '=', key.route)
    .executeTakeFirst();
  let counted = key;
  if (known === undefined) {
    const { keys } = await db
      .selectFrom('auth.refusal_windows')
      .select((eb) => eb.fn.countAll<string>().as('keys'))
      .where('window_start', '=', windowStart)
      .where((eb) => eb.not(eb.and([eb('actor', '=', '*'), eb('route', '=', '*')])))
      .executeTakeFirstOrThrow();
    if (Number(keys) >= maxKeys) counted = overflowKey(key.code);
  }
  const row = await db
    .insertInto('auth.refusal_windows')
    .values({ window_start: windowStart, ...counted, count: 1 })
    .onConflict((oc) =>
      oc
        .columns(['window_start', 'code', 'actor', 'address', 'route'])
        .doUpdateSet({ count: sql<number>`auth.refusal_windows.count + 1` }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return { count: row.count, overflow: isOverflow(counted) };
}

/** Removes and returns the counts of every window that started before `before`, oldest first. */
export async function takeClosedWindows(db: Db, before: Date): Promise<RefusalWindowRow[]> {
  const { rows } = await sql<RefusalWindowRow>`
    with closed as (delete from auth.refusal_windows where window_start < ${before} returning *)
    select * from closed order by window_start, route, code, actor, address`.execute(db);
  return rows;
}
