import type { AuditEvent } from '@livegate/contracts';
import { describe, expect, it, vi } from 'vitest';
import { AuditLog, kindMatches, type AuditSource } from './audit.svelte.js';

const row = (id: number, kind = 'arm.requested'): AuditEvent => ({
  id: String(id),
  kind,
  actor: 'alice',
  details: {},
  at: '2026-01-31T12:00:00.000Z',
  hash: 'a'.repeat(64),
});

/** 10 rows, ids 10..1, served newest first in pages, like the gateway. */
function source(total = 10) {
  const all = Array.from({ length: total }, (_, i) =>
    row(total - i, i % 2 === 0 ? 'arm.requested' : 'auth.login'),
  );
  return vi.fn<AuditSource>(async ({ kind, before, limit }) => {
    const rows = all.filter(
      (r) => kindMatches(r.kind, kind) && (before === undefined || Number(r.id) < Number(before)),
    );
    const page = rows.slice(0, limit);
    return {
      ok: true,
      data: { items: page, nextBefore: rows.length > limit ? page[page.length - 1]!.id : null },
    };
  });
}

const ids = (log: AuditLog) => log.items.map((i) => i.id);

describe('kindMatches', () => {
  it('matches exact kinds and ".*" prefixes; no filter matches all', () => {
    expect(kindMatches('auth.login', undefined)).toBe(true);
    expect(kindMatches('auth.login', '')).toBe(true);
    expect(kindMatches('auth.login', 'auth.login')).toBe(true);
    expect(kindMatches('auth.login', 'auth.*')).toBe(true);
    expect(kindMatches('authx.login', 'auth.*')).toBe(false);
    expect(kindMatches('auth.login', 'auth')).toBe(false);
  });
});

describe('AuditLog', () => {
  it('pages newest first with the cursor, and back', async () => {
    const src = source();
    const log = new AuditLog(src, { pageSize: 4 });
    await log.first();
    expect(ids(log)).toEqual(['10', '9', '8', '7']);
    expect(log.onNewest).toBe(true);
    expect(log.pageNumber).toBe(1);
    await log.older();
    expect(ids(log)).toEqual(['6', '5', '4', '3']);
    expect(src).toHaveBeenLastCalledWith({ before: '7', limit: 4 });
    await log.older();
    expect(ids(log)).toEqual(['2', '1']);
    expect(log.hasOlder).toBe(false);
    await log.older(); // nothing older: no call
    expect(src).toHaveBeenCalledTimes(3);
    expect(log.pageNumber).toBe(3);
    await log.newer();
    expect(ids(log)).toEqual(['6', '5', '4', '3']);
    await log.newer();
    expect(ids(log)).toEqual(['10', '9', '8', '7']);
    await log.newer(); // already newest
    expect(src).toHaveBeenCalledTimes(5);
  });

  it('filters by kind, and an empty filter means all', async () => {
    const src = source();
    const log = new AuditLog(src, { pageSize: 10 });
    await log.first('auth.*');
    expect(src).toHaveBeenLastCalledWith({ kind: 'auth.*', limit: 10 });
    expect(log.items.every((i) => i.kind === 'auth.login')).toBe(true);
    await log.first('');
    expect(log.kind).toBeUndefined();
    expect(log.items).toHaveLength(10);
  });

  it('live rows go on top of the newest page only, once, when they match', async () => {
    const log = new AuditLog(source(), { pageSize: 4 });
    await log.first('arm.*');
    log.apply(row(11, 'auth.login'));
    expect(ids(log)[0]).toBe('10');
    log.apply(row(12, 'arm.confirmed'));
    log.apply(row(12, 'arm.confirmed'));
    expect(ids(log)).toEqual(['12', '10', '8', '6']);
    await log.older();
    log.apply(row(13, 'arm.refused'));
    expect(ids(log)).not.toContain('13');
  });

  it('keeps the sentence of a failed load and ignores a late answer', async () => {
    const log = new AuditLog(async () => ({
      ok: false,
      error: { status: 502, code: 'UNAVAILABLE', message: 'down' },
    }));
    await log.first();
    expect(log.error?.message).toBe('down');

    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const racing = new AuditLog(async ({ kind }) => {
      if (kind === 'slow') await gate;
      return { ok: true, data: { items: [row(kind === 'slow' ? 1 : 2)], nextBefore: null } };
    });
    const slow = racing.first('slow');
    await racing.first('fast');
    release();
    await slow;
    expect(ids(racing)).toEqual(['2']);
  });
});
