import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/harness/src/index.js';
import { down, up } from './0019_risk_limits.js';

describe('0019_risk_limits', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  const insert = (kind: string, asset: string, value: string) =>
    sql`insert into risk.limits (venue, source, kind, asset, value, updated_by)
      values ('paper', 'alpha', ${kind}, ${asset}, ${value}, 'alice')`.execute(t.db);

  it('keeps one row per venue, source, kind and asset, with the asset only where the kind has one', async () => {
    await insert('max_position', 'BTC', '1.5');
    await insert('max_open_orders', '', '3');
    await expect(insert('max_open_orders', '', '4')).rejects.toThrow(/duplicate key/);
    await expect(insert('max_position', '', '1')).rejects.toThrow(/check constraint/);
    await expect(insert('price_collar_pct', 'BTC', '1')).rejects.toThrow(/check constraint/);
    await expect(insert('max_orders_per_second', '', '1.5')).rejects.toThrow(/check constraint/);
    await expect(insert('price_collar_pct', '', '0')).rejects.toThrow(/check constraint/);
    await expect(insert('max_loss', '', '1')).rejects.toThrow(/check constraint/);
  });

  it('goes down and up again', async () => {
    await down(t.db);
    const gone = await sql<{
      n: string | null;
    }>`select to_regclass('risk.limits')::text as n`.execute(t.db);
    expect(gone.rows[0]?.n).toBeNull();
    await up(t.db);
    await insert('price_collar_pct', '', '2.5');
  });
});
