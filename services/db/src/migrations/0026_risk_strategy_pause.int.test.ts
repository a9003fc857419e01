import { sql } from 'kysely';
import { createDb } from '../create-db.js';
import { SERVICE_ROLES } from '../roles/roles.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/harness/src/index.js';
import { down, up } from './0026_risk_strategy_pause.js';

describe('0026_risk_strategy_pause', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  const limit = (value: string) =>
    sql`insert into risk.limits (venue, source, kind, asset, value, updated_by)
      values ('paper', 'alpha', 'pause_after_breaches', '', ${value}, 'alice')`.execute(t.db);
  const pause = (source: string) =>
    sql`insert into risk.paused (venue, source, breaches, reason)
      values ('live', ${source}, 3, 'Three risk limit breaches in 60 s.')`.execute(t.db);

  it('takes pause_after_breaches as a whole-number limit and stores one pause per venue and strategy', async () => {
    await expect(limit('2.5')).rejects.toThrow(/check constraint/);
    await limit('3');
    await pause('alpha');
    await expect(pause('alpha')).rejects.toThrow(/duplicate key/);
    await expect(pause('*')).rejects.toThrow(/check constraint/);
  });

  it('lets execution write a pause but not end one', async () => {
    const execution = createDb({ url: t.urlAs(SERVICE_ROLES.execution), max: 1 });
    try {
      await sql`insert into risk.paused (venue, source, breaches, reason)
        values ('paper', 'beta', 2, 'Two breaches.')`.execute(execution);
      await expect(sql`delete from risk.paused`.execute(execution)).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await execution.destroy();
    }
  });

  it('goes down (dropping the pauses and the kind) and up again', async () => {
    await down(t.db);
    await expect(limit('3')).rejects.toThrow(/check constraint/);
    const left = await sql<{ n: string }>`select count(*)::text as n from risk.limits`.execute(
      t.db,
    );
    expect(left.rows[0]?.n).toBe('0');
    await up(t.db);
    await limit('4');
  });
});
