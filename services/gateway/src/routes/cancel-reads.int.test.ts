import { cancelRecordSchema } from '@livegate/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startGatewayFixture, type GatewayFixture } from '../../test/fixture.js';

/** Issue 13: a cancel's stored outcome, read by its cancelId (`GET /api/cancels/{cancelId}`). */
describe('gateway - reading a cancel', () => {
  let f: GatewayFixture;
  let momentum: string;
  let operator: string;
  let viewer: string;
  beforeAll(async () => {
    f = await startGatewayFixture();
    momentum = await f.apiKey('momentum-key', 'momentum');
    await f.addOperator('olga', 'operator');
    await f.addOperator('victor', 'viewer');
    operator = await f.login('olga');
    viewer = await f.login('victor');
    const cancel = (source: string, cancelId: string, ended: boolean) =>
      sql`insert into execution.order_cancels (source, cancel_id, intent_id, requested_by, reason,
        outcome, final_state, message, requested_at, resolved_at)
      values (${source}, ${cancelId}, ${`i-${cancelId}`}, ${JSON.stringify({ kind: 'strategy' })},
        ${ended ? 'Strategy stopped.' : null}, ${ended ? 'UNKNOWN_INTENT' : null}, null,
        ${ended ? 'Unknown intent.' : null}, '2026-01-31T12:00:00Z',
        ${ended ? '2026-01-31T12:00:01Z' : null})`.execute(f.t.db);
    await cancel('momentum', 'c-ended', true);
    await cancel('momentum', 'c-working', false);
    await cancel('meanrev', 'c-theirs', true);
    await cancel('momentum', 'c-shared', true);
    await cancel('meanrev', 'c-shared', true);
  });
  afterAll(async () => {
    await f.close();
  });

  const get = (path: string, who: { key?: string; cookie?: string }) => f.http(path, who);

  it("gives a strategy's key its own cancel's stored outcome, and one still in work as such", async () => {
    const res = await get('/api/cancels/c-ended', { key: momentum });
    expect(res.status).toBe(200);
    expect(cancelRecordSchema.parse(await res.json())).toEqual({
      cancelId: 'c-ended',
      intentId: 'i-c-ended',
      source: 'momentum',
      requestedBy: { kind: 'strategy' },
      reason: 'Strategy stopped.',
      requestedAt: '2026-01-31T12:00:00.000Z',
      outcome: 'UNKNOWN_INTENT',
      state: null,
      message: 'Unknown intent.',
      resolvedAt: '2026-01-31T12:00:01.000Z',
    });
    const working = await get('/api/cancels/c-working', { key: momentum });
    expect(await working.json()).toMatchObject({ outcome: null, resolvedAt: null });
    const shared = await get('/api/cancels/c-shared', { key: momentum });
    expect(await shared.json()).toMatchObject({ source: 'momentum' });
  });

  it("refuses a key another source's cancel (SOURCE_FORBIDDEN), hides it without ?source=, NOT_FOUND for unknown", async () => {
    const forbidden = await get('/api/cancels/c-theirs?source=meanrev', { key: momentum });
    expect(forbidden.status).toBe(403);
    expect(await errorOf(forbidden)).toEqual({
      code: 'SOURCE_FORBIDDEN',
      message: 'this API key reads cancels of source "momentum" only, not "meanrev"',
    });
    const hidden = await get('/api/cancels/c-theirs', { key: momentum });
    expect(hidden.status).toBe(404);
    expect(await errorOf(hidden)).toEqual({
      code: 'NOT_FOUND',
      message: 'no cancel of source momentum with cancelId c-theirs',
    });
    const unknown = await get('/api/cancels/never-sent', { cookie: operator });
    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toEqual({
      code: 'NOT_FOUND',
      message: 'no cancel with cancelId never-sent',
    });
  });

  it('lets operators and viewers read any cancel; CONFLICT when sources share the id unless ?source= names one', async () => {
    for (const cookie of [operator, viewer]) {
      const res = await get('/api/cancels/c-theirs', { cookie });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ source: 'meanrev', outcome: 'UNKNOWN_INTENT' });
    }
    const shared = await get('/api/cancels/c-shared', { cookie: viewer });
    expect(shared.status).toBe(409);
    expect(await errorOf(shared)).toEqual({
      code: 'CONFLICT',
      message:
        'cancelId c-shared is used by 2 sources (meanrev, momentum); ask again with ?source=<source>',
    });
    const named = await get('/api/cancels/c-shared?source=meanrev', { cookie: viewer });
    expect(await named.json()).toMatchObject({ source: 'meanrev' });
  });

  it('refuses anonymous callers and a malformed cancelId', async () => {
    const anonymous = await get('/api/cancels/c-ended', {});
    expect(anonymous.status).toBe(401);
    expect((await get('/api/cancels/a%20b', { cookie: operator })).status).toBe(400);
  });
});
