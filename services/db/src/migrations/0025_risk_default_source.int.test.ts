import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/harness/src/index.js';
import { down, up } from './0025_risk_default_source.js';

describe('0025_risk_default_source', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  const insert = (source: string) =>
    sql`insert into risk.limits (venue, source, kind, asset, value, updated_by)
      values ('paper', ${source}, 'max_open_orders', '', '3', 'alice')`.execute(t.db);
  const propose = (source: string) =>
    sql`insert into risk.limit_proposals (venue, source, kind, asset, value, reason, proposed_by)
      values ('paper', ${source}, 'max_open_orders', '', '3', 'Default.', 'alice')`.execute(t.db);

  it('stores the venue default under the source * beside strategies; nothing else new passes', async () => {
    await insert('*');
    await insert('alpha');
    await propose('*');
    await expect(insert('**')).rejects.toThrow(/check constraint/);
    await expect(insert('a*')).rejects.toThrow(/check constraint/);
    await expect(propose('')).rejects.toThrow(/check constraint/);
  });

  it('goes down (dropping the defaults) and up again', async () => {
    await down(t.db);
    const left = await sql<{ source: string }>`select source from risk.limits`.execute(t.db);
    expect(left.rows).toEqual([{ source: 'alpha' }]);
    await expect(insert('*')).rejects.toThrow(/check constraint/);
    await expect(propose('*')).rejects.toThrow(/check constraint/);
    await up(t.db);
    await insert('*');
  });
});
