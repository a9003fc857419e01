import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/harness/src/index.js';
import { createDb } from '../create-db.js';
import { OWNER_ROLE, SERVICE_ROLES } from './roles.js';

const PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'] as const;

/** What each role may do on each schema's tables (column grants and table exceptions below). */
const EXPECTED: Record<string, Record<string, string>> = {
  audit: {
    livegate_execution: 'SELECT,INSERT',
    livegate_reconciler: 'SELECT,INSERT',
    livegate_arming: 'SELECT,INSERT',
    livegate_gateway: 'SELECT,INSERT',
  },
  arming: {
    livegate_execution: 'SELECT',
    livegate_reconciler: 'SELECT',
    livegate_arming: 'SELECT,INSERT,UPDATE',
    livegate_gateway: '',
  },
  execution: {
    livegate_execution: 'SELECT,INSERT,UPDATE',
    livegate_reconciler: 'SELECT,INSERT,UPDATE',
    livegate_arming: '',
    livegate_gateway: 'SELECT',
  },
  reconcile: {
    livegate_execution: '',
    livegate_reconciler: 'SELECT,INSERT,UPDATE',
    livegate_arming: '',
    livegate_gateway: 'SELECT',
  },
  auth: {
    livegate_execution: '',
    livegate_reconciler: '',
    livegate_arming: 'SELECT',
    livegate_gateway: 'SELECT,INSERT,UPDATE,DELETE',
  },
  // Pre-trade risk limits (issue 13): execution reads them in the fenced step, operators change them
  // through the gateway.
  risk: {
    livegate_execution: 'SELECT',
    livegate_reconciler: '',
    livegate_arming: '',
    livegate_gateway: 'SELECT,INSERT,UPDATE,DELETE',
  },
  // Money on screen (issue 13): the reconciler stores each venue's account snapshot, execution each
  // change of its account stream view (0030), the gateway shows them.
  money: {
    livegate_execution: 'SELECT,INSERT,UPDATE,DELETE',
    livegate_reconciler: 'SELECT,INSERT,UPDATE,DELETE',
    livegate_arming: '',
    livegate_gateway: 'SELECT',
  },
  // Every service appends audit rows (the trigger queues them as the appending role) and relays them.
  outbox: {
    livegate_execution: 'SELECT,INSERT,UPDATE,DELETE',
    livegate_reconciler: 'SELECT,INSERT,UPDATE,DELETE',
    livegate_arming: 'SELECT,INSERT,UPDATE,DELETE',
    livegate_gateway: 'SELECT,INSERT,UPDATE,DELETE',
  },
};

const EXCEPTIONS: Record<string, Record<string, string>> = {
  'arming.reconcile_gate': { livegate_reconciler: 'SELECT,INSERT,UPDATE' },
  // Execution's live gate reads the recorded runs.
  'reconcile.runs': { livegate_execution: 'SELECT' },
  // Execution pauses a strategy in the fenced step that counts its breaches; operators resume it
  // through the gateway (a delete), execution never can.
  'risk.paused': { livegate_execution: 'SELECT,INSERT' },
};

describe('database roles - grants', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  async function privileges(role: string, table: string): Promise<string> {
    const granted: string[] = [];
    for (const p of PRIVILEGES) {
      const { rows } = await sql<{ ok: boolean }>`
        select has_table_privilege(${role}, ${table}, ${p}) as ok`.execute(t.db);
      if (rows[0]?.ok === true) granted.push(p);
    }
    return granted.join(',');
  }

  it('gives each service role exactly its schema line on every table, owned by the owner', async () => {
    const { rows: tables } = await sql<{ name: string; owner: string }>`
      select n.nspname || '.' || c.relname as name, pg_get_userbyid(c.relowner) as owner
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r' and n.nspname = any(${Object.keys(EXPECTED)}) order by 1`.execute(t.db);
    expect(tables.length).toBeGreaterThanOrEqual(15);
    for (const { name, owner } of tables) {
      expect(owner, name).toBe(OWNER_ROLE);
      const schema = name.split('.')[0] as string;
      for (const role of Object.values(SERVICE_ROLES)) {
        const want = EXCEPTIONS[name]?.[role] ?? EXPECTED[schema]?.[role];
        expect(`${role} on ${name}: ${await privileges(role, name)}`).toBe(
          `${role} on ${name}: ${want}`,
        );
      }
    }
  });

  it('lets execution share-lock the trading state through UPDATE of its id column only', async () => {
    const { rows } = await sql<{ id: boolean; mode: boolean }>`
      select has_column_privilege('livegate_execution', 'arming.trading_state', 'id', 'UPDATE') as id,
        has_column_privilege('livegate_execution', 'arming.trading_state', 'mode', 'UPDATE') as mode`.execute(
      t.db,
    );
    expect(rows).toEqual([{ id: true, mode: false }]);
    const execution = createDb({ url: t.urlAs(SERVICE_ROLES.execution), max: 1 });
    try {
      await execution.transaction().execute(async (trx) => {
        await trx.selectFrom('arming.trading_state').select('mode').forShare().execute();
      });
      await expect(
        execution.updateTable('arming.trading_state').set({ mode: 'HALTED' }).execute(),
      ).rejects.toThrow(/permission denied/);
      await expect(sql`update arming.trading_state set id = 2`.execute(execution)).rejects.toThrow(
        /check constraint/,
      );
    } finally {
      await execution.destroy();
    }
  });

  it('gives a table the owner adds later its schema line (default privileges)', async () => {
    const owner = createDb({ url: t.url, max: 1, role: OWNER_ROLE });
    const gateway = createDb({ url: t.urlAs(SERVICE_ROLES.gateway), max: 1 });
    const execution = createDb({ url: t.urlAs(SERVICE_ROLES.execution), max: 1 });
    try {
      await sql`create table execution.later (id bigserial primary key, note text)`.execute(owner);
      await sql`insert into execution.later (note) values ('x')`.execute(execution);
      expect(await privileges(SERVICE_ROLES.gateway, 'execution.later')).toBe('SELECT');
      await expect(
        sql`insert into execution.later (note) values ('y')`.execute(gateway),
      ).rejects.toThrow(/permission denied/);
      await sql`create table audit.later (id bigserial primary key)`.execute(owner);
      expect(await privileges(SERVICE_ROLES.arming, 'audit.later')).toBe('SELECT,INSERT');
    } finally {
      await Promise.all([owner.destroy(), gateway.destroy(), execution.destroy()]);
    }
  });
});
