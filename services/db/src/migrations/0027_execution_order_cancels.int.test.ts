import { sql } from 'kysely';
import { createDb } from '../create-db.js';
import { SERVICE_ROLES } from '../roles/roles.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/harness/src/index.js';
import { down, up } from './0027_execution_order_cancels.js';

describe('0027_execution_order_cancels', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  const request = (cancelId: string, source = 'alpha') =>
    sql`insert into execution.order_cancels (source, cancel_id, intent_id, requested_by)
      values (${source}, ${cancelId}, 'i-1', '{"kind":"strategy"}')`.execute(t.db);

  it('keeps one row per (source, cancelId) and sets outcome and resolved_at together', async () => {
    await request('c-1');
    await expect(request('c-1')).rejects.toThrow(/duplicate key/);
    await request('c-1', 'beta');
    await expect(request('a.b')).rejects.toThrow(/check constraint/);
    await expect(
      sql`update execution.order_cancels set outcome = 'CANCELED' where cancel_id = 'c-1'`.execute(
        t.db,
      ),
    ).rejects.toThrow(/check constraint/);
    await expect(
      sql`update execution.order_cancels set outcome = 'MAYBE', resolved_at = now()`.execute(t.db),
    ).rejects.toThrow(/check constraint/);
  });

  it('lets execution record and resolve a cancel, the gateway only read them', async () => {
    const execution = createDb({ url: t.urlAs(SERVICE_ROLES.execution), max: 1 });
    const gateway = createDb({ url: t.urlAs(SERVICE_ROLES.gateway), max: 1 });
    try {
      await sql`insert into execution.order_cancels (source, cancel_id, intent_id, requested_by)
        values ('alpha', 'c-2', 'i-2', '{"kind":"strategy"}')`.execute(execution);
      await sql`update execution.order_cancels set outcome = 'FINAL', resolved_at = now()
        where cancel_id = 'c-2'`.execute(execution);
      const rows = await sql`select * from execution.order_cancels`.execute(gateway);
      expect(rows.rows.length).toBeGreaterThan(0);
      await expect(sql`delete from execution.order_cancels`.execute(gateway)).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await Promise.all([execution.destroy(), gateway.destroy()]);
    }
  });

  it('goes down and up again', async () => {
    await down(t.db);
    await expect(request('c-3')).rejects.toThrow(/does not exist/);
    await up(t.db);
    await request('c-3');
  });
});
