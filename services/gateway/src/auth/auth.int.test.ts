import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ORIGIN,
  PASSWORD,
  errorOf,
  startGatewayFixture,
  type GatewayFixture,
} from '../../test/fixture.js';
import { sha256Hex } from './secrets.js';

describe('gateway auth - login, sessions, API keys', () => {
  let f: GatewayFixture;
  beforeAll(async () => {
    f = await startGatewayFixture();
    await f.addOperator('alice', 'operator');
    await f.addOperator('victor', 'viewer');
  });
  afterAll(async () => {
    await f.close();
  });

  it('login sets an httpOnly SameSite=Strict cookie; only its hash is stored; the login is audited', async () => {
    const res = await f.http('/api/auth/login', {
      method: 'POST',
      body: { name: 'alice', password: PASSWORD },
      origin: ORIGIN,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      operator: 'alice',
      role: 'operator',
      expiresAt: '2026-03-02T17:00:00.000Z',
    });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(
      /^livegate_session=[A-Za-z0-9_-]{43}; Max-Age=28800; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    const value = /=([^;]+);/.exec(setCookie)?.[1] as string;
    const rows = await f.t.db
      .selectFrom('auth.sessions')
      .selectAll()
      .where('operator', '=', 'alice')
      .execute();
    expect(rows.map((r) => r.id)).toContain(sha256Hex(value));
    expect(JSON.stringify(rows)).not.toContain(value);
    expect((await f.auditRows()).at(-1)).toEqual({
      kind: 'auth.login',
      actor: 'alice',
      subject: null,
      details: { role: 'operator' },
    });
    expect(f.logs.join('')).not.toContain(value);
    expect(f.logs.join('')).not.toContain(PASSWORD);
  });

  it('a wrong password, an unknown name and a disabled operator all get the same 401, each audited', async () => {
    await f.addOperator('dora', 'operator');
    await f.t.db
      .updateTable('auth.operators')
      .set({ disabled_at: new Date() })
      .where('name', '=', 'dora')
      .execute();
    const before = (await f.auditRows()).length;
    for (const [name, password] of [
      ['alice', 'wrong password!!'],
      ['nobody', PASSWORD],
      ['dora', PASSWORD],
    ] as const) {
      const res = await f.http('/api/auth/login', { method: 'POST', body: { name, password } });
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.json()).toEqual({
        error: { code: 'UNAUTHORIZED', message: 'name or password is wrong' },
      });
    }
    const rows = (await f.auditRows()).slice(before);
    expect(rows).toEqual([
      {
        kind: 'auth.login_failed',
        actor: 'anonymous',
        subject: 'alice',
        details: { reason: 'wrong password' },
      },
      {
        kind: 'auth.login_failed',
        actor: 'anonymous',
        subject: 'nobody',
        details: { reason: 'unknown operator' },
      },
      {
        kind: 'auth.login_failed',
        actor: 'anonymous',
        subject: 'dora',
        details: { reason: 'operator disabled' },
      },
    ]);
    expect(f.logs.join('')).not.toContain('wrong password!!');
  });

  it('refuses a login from a foreign Origin with 403 ORIGIN_REJECTED', async () => {
    const res = await f.http('/api/auth/login', {
      method: 'POST',
      body: { name: 'alice', password: PASSWORD },
      origin: 'http://evil.test',
    });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('ORIGIN_REJECTED');
  });

  it('a session identifies its operator until it expires', async () => {
    const cookie = await f.login('victor');
    const me = await f.http('/api/auth/me', { cookie });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      name: 'victor',
      role: 'viewer',
      expiresAt: '2026-03-02T17:00:00.000Z',
    });
    f.clock.advance(8 * 3600_000);
    expect((await f.http('/api/auth/me', { cookie })).status).toBe(401);
    f.clock.advance(-8 * 3600_000);
    expect((await f.http('/api/auth/me', { cookie })).status).toBe(200);
  });

  it('a malformed or unknown cookie is no session', async () => {
    for (const cookie of [
      'livegate_session=short',
      `livegate_session=${'A'.repeat(43)}`,
      'other=1',
    ]) {
      const res = await f.http('/api/auth/me', { cookie });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        error: {
          code: 'UNAUTHORIZED',
          message: 'sign in (session cookie) or send an API key (Bearer) first',
        },
      });
    }
  });

  it('logout revokes the session, clears the cookie and is audited; the cookie no longer works', async () => {
    const cookie = await f.login('alice');
    const res = await f.http('/api/auth/logout', { method: 'POST', cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ loggedOut: true });
    expect(res.headers.get('set-cookie')).toMatch(
      /^livegate_session=; Max-Age=0; Path=\/; HttpOnly; SameSite=Strict/,
    );
    expect((await f.auditRows()).at(-1)).toMatchObject({ kind: 'auth.logout', actor: 'alice' });
    expect((await f.http('/api/auth/me', { cookie })).status).toBe(401);
    const [session] = await f.t.db
      .selectFrom('auth.sessions')
      .select('revoked_at')
      .where('id', '=', sha256Hex(cookie.split('=')[1] as string))
      .execute();
    expect(session?.revoked_at).toBeInstanceOf(Date);
  });

  it('a disabled operator loses their open sessions at once', async () => {
    await f.addOperator('erin', 'operator');
    const cookie = await f.login('erin');
    await f.t.db
      .updateTable('auth.operators')
      .set({ disabled_at: new Date() })
      .where('name', '=', 'erin')
      .execute();
    expect((await f.http('/api/auth/me', { cookie })).status).toBe(401);
  });

  it('an API key authenticates as key:<label> with role strategy; a revoked or malformed one does not', async () => {
    const key = await f.apiKey('momentum');
    expect(key).toMatch(/^lgk_[A-Za-z0-9_-]{43}$/);
    const me = await f.http('/api/auth/me', { key });
    expect(await me.json()).toEqual({ name: 'key:momentum', role: 'strategy' });
    const stored = await f.t.db
      .selectFrom('auth.api_keys')
      .selectAll()
      .where('label', '=', 'momentum')
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.key_hash).toBe(sha256Hex(key));
    await f.t.db
      .updateTable('auth.api_keys')
      .set({ revoked_at: new Date() })
      .where('label', '=', 'momentum')
      .execute();
    expect((await f.http('/api/auth/me', { key })).status).toBe(401);
    expect((await f.http('/api/auth/me', { headers: { authorization: 'Basic abc' } })).status).toBe(
      401,
    );
  });

  it('a Bearer header decides alone: a bad key is not rescued by a good cookie', async () => {
    const cookie = await f.login('alice');
    const res = await f.http('/api/auth/me', { cookie, key: 'lgk_nope' });
    expect(res.status).toBe(401);
  });

  it('cookie callers must send an allowed Origin on state-changing requests; API-key callers send none', async () => {
    const cookie = await f.login('alice');
    const foreign = await f.http('/api/auth/logout', {
      method: 'POST',
      cookie,
      origin: 'http://evil.test',
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toEqual({
      error: {
        code: 'ORIGIN_REJECTED',
        message: 'origin "http://evil.test" is not allowed (GATEWAY_ALLOWED_ORIGINS)',
      },
    });
    const none = await f.http('/api/auth/logout', { method: 'POST', cookie, origin: null });
    expect(none.status).toBe(403);
    expect((await errorOf(none)).code).toBe('ORIGIN_REJECTED');
    expect((await f.http('/api/auth/me', { cookie })).status).toBe(200);
  });

  it('the session table refuses a plain cookie value as id', async () => {
    await expect(
      sql`insert into auth.sessions (id, operator, created_at, expires_at) values ('plain', 'alice', now(), now() + interval '1 hour')`.execute(
        f.t.db,
      ),
    ).rejects.toThrow(/check constraint/);
  });
});
