import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/harness/src/index.js';
import { createDb } from '../create-db.js';
import type { AuditRow } from './audit-log.table.js';
import { appendAudit, verifyAuditChain } from './audit.repository.js';

const GENESIS = '0'.repeat(64);

describe('audit.log - hash chain', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase();
  });
  afterEach(async () => {
    await t.drop();
  });

  it('links every row to the previous one from a genesis of 64 zeros', async () => {
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 0 });
    const first = await appendAudit(t.db, {
      kind: 'arming.request',
      actor: 'alice',
      details: { reason: 'open' },
    });
    const second = await appendAudit(t.db, {
      kind: 'arming.confirm',
      actor: 'alice',
      subject: 'session-1',
      details: { n: 1.5, list: [1, 'x'] },
    });
    expect(first).toMatchObject({
      kind: 'arming.request',
      actor: 'alice',
      subject: null,
      details: { reason: 'open' },
      prev_hash: GENESIS,
    });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.at).toBeInstanceOf(Date);
    expect(second).toMatchObject({
      subject: 'session-1',
      details: { n: 1.5, list: [1, 'x'] },
      prev_hash: first.hash,
    });
    expect(BigInt(second.id)).toBeGreaterThan(BigInt(first.id));
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 2 });
  });

  it('sets id and hashes itself: values a caller supplies are overwritten', async () => {
    await sql`insert into audit.log (id, kind, actor, details, prev_hash, hash)
      values (999, 'forged', 'mallory', '{}', ${'f'.repeat(64)}, ${'f'.repeat(64)})`.execute(t.db);
    const [row] = await t.db.selectFrom('audit.log').selectAll().execute();
    expect(row?.id).not.toBe('999');
    expect(row?.prev_hash).toBe(GENESIS);
    expect(row?.hash).not.toBe('f'.repeat(64));
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 1 });
  });

  it('hashes the same whatever TimeZone the writing session uses', async () => {
    await t.db.transaction().execute(async (trx) => {
      await sql`set local timezone = 'Asia/Kolkata'`.execute(trx);
      await appendAudit(trx, { kind: 'k', actor: 'a', details: {} });
    });
    await appendAudit(t.db, { kind: 'k', actor: 'a', details: { z: 1, a: 2 } });
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 2 });
  });

  it('commits with the caller transaction: a rolled-back append leaves no row and no gap in the chain', async () => {
    const kept = await appendAudit(t.db, { kind: 'k', actor: 'a', details: {} });
    await expect(
      t.db.transaction().execute(async (trx) => {
        await appendAudit(trx, { kind: 'k', actor: 'a', details: {} });
        throw new Error('state change failed');
      }),
    ).rejects.toThrow('state change failed');
    const next = await appendAudit(t.db, { kind: 'k', actor: 'a', details: {} });
    expect(next.prev_hash).toBe(kept.hash);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 2 });
  });

  it('keeps one valid chain under 50 concurrent appends from separate connections', async () => {
    const db = createDb({ url: t.url, max: 10 });
    let rows: AuditRow[];
    let backends: number;
    try {
      rows = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          appendAudit(db, { kind: 'load', actor: `w${i % 10}`, details: { i } }),
        ),
      );
      const { rows: count } = await sql<{ n: number }>`
        select count(*)::int as n from pg_stat_activity where datname = current_database()`.execute(
        db,
      );
      backends = count[0]?.n ?? 0;
    } finally {
      await db.destroy();
    }
    expect(backends).toBeGreaterThan(1);
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(50);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 50 });
  });
});

describe('audit.log - append-only', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase();
    for (let i = 1; i <= 5; i++) await appendAudit(t.db, { kind: 'k', actor: 'a', details: { i } });
  });
  afterEach(async () => {
    await t.drop();
  });

  it('refuses UPDATE, DELETE and TRUNCATE, even when they would touch no row', async () => {
    await expect(t.db.updateTable('audit.log').set({ actor: 'mallory' }).execute()).rejects.toThrow(
      'audit.log is append-only: UPDATE refused',
    );
    await expect(
      t.db.updateTable('audit.log').set({ actor: 'x' }).where('id', '=', '-1').execute(),
    ).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(t.db.deleteFrom('audit.log').execute()).rejects.toThrow(
      'audit.log is append-only: DELETE refused',
    );
    await expect(sql`truncate audit.log`.execute(t.db)).rejects.toThrow(
      'audit.log is append-only: TRUNCATE refused',
    );
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 5 });
  });

  async function tamper(statement: ReturnType<typeof sql>): Promise<void> {
    await t.db.transaction().execute(async (trx) => {
      await sql`alter table audit.log disable trigger log_append_only`.execute(trx);
      await statement.execute(trx);
      await sql`alter table audit.log enable always trigger log_append_only`.execute(trx);
    });
  }

  async function idOfRow(n: number): Promise<string> {
    const rows = await t.db.selectFrom('audit.log').select('id').orderBy('id').execute();
    return rows[n - 1]?.id ?? '';
  }

  it('detects a row whose details were changed behind its back, at that row', async () => {
    const third = await idOfRow(3);
    await tamper(sql`update audit.log set details = '{"i": 99}' where id = ${third}`);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, brokenAt: third });
    await expect(t.db.deleteFrom('audit.log').execute()).rejects.toThrow(/append-only/);
  });

  it('detects a rewritten hash at the next row, and a removed row where the link breaks', async () => {
    const [second, fourth] = [await idOfRow(2), await idOfRow(4)];
    await tamper(sql`update audit.log set details = '{"i": 99}',
      hash = audit.row_hash(prev_hash, id, at, kind, actor, subject, '{"i": 99}') where id = ${second}`);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, brokenAt: await idOfRow(3) });
    await tamper(sql`delete from audit.log where id <= ${second}`);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, brokenAt: await idOfRow(1) });
    expect(await idOfRow(2)).toBe(fourth);
  });
});
