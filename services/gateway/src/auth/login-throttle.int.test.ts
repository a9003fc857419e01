import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ORIGIN,
  PASSWORD,
  errorOf,
  startGatewayFixture,
  viaDashboard,
  type GatewayFixture,
} from '../../test/fixture.js';

const WINDOW_MS = 300_000;

function login(f: GatewayFixture, name: string, password = 'not the password') {
  return f.http('/api/auth/login', { method: 'POST', body: { name, password }, origin: ORIGIN });
}

async function failures(f: GatewayFixture): Promise<number> {
  const row = await f.t.db
    .selectFrom('auth.login_failures')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('gateway - login throttle per name and address', () => {
  let f: GatewayFixture;
  beforeAll(async () => {
    f = await startGatewayFixture();
    for (const name of ['alice', 'bob', 'carol', 'victor']) await f.addOperator(name);
  });
  afterAll(async () => {
    await f.close();
  });

  it('after 5 failures of a name from one address refuses even the right password from there with 429, audited', async () => {
    for (let i = 0; i < 5; i++) expect((await login(f, 'alice')).status).toBe(401);
    f.clock.advance(60_000);
    const before = (await f.auditRows()).length;
    const res = await login(f, 'alice', PASSWORD);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('240');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await errorOf(res)).toEqual({
      code: 'RATE_LIMITED',
      message: 'too many failed sign-ins for this name; try again in 240 s',
      details: { retryAfterS: 240 },
    });
    expect((await f.auditRows()).slice(before)).toEqual([
      {
        kind: 'auth.refused',
        actor: 'anonymous',
        subject: 'POST /api/auth/login',
        details: {
          code: 'RATE_LIMITED',
          message: 'too many failed sign-ins for this name; try again in 240 s',
          windowStart: '2026-03-02T09:01:00.000Z',
          name: 'alice',
          scope: 'name',
          failures: 5,
          windowS: 300,
          retryAfterS: 240,
        },
      },
    ]);
    expect((await login(f, 'alice', PASSWORD)).status).toBe(429);
    expect((await f.auditRows()).slice(before)).toHaveLength(1);
    expect(
      await f.t.db.selectFrom('auth.sessions').where('operator', '=', 'alice').execute(),
    ).toEqual([]);
    expect(f.logs.join('')).not.toContain(PASSWORD);
  });

  it('throttles another name only for its own failures, and lifts once the oldest failures age out', async () => {
    expect((await login(f, 'bob', PASSWORD)).status).toBe(200);
    expect((await login(f, 'alice', PASSWORD)).status).toBe(429);
    f.clock.advance(WINDOW_MS - 60_000);
    expect((await login(f, 'alice', PASSWORD)).status).toBe(200);
  });

  it('throttles an unknown name exactly like a known one (nothing to learn about who exists)', async () => {
    for (let i = 0; i < 5; i++) expect((await login(f, 'mallory')).status).toBe(401);
    const res = await login(f, 'mallory', PASSWORD);
    expect(res.status).toBe(429);
    expect((await errorOf(res)).message).toBe(
      'too many failed sign-ins for this name; try again in 300 s',
    );
  });

  it('does not count sign-ins that succeed', async () => {
    for (let i = 0; i < 4; i++) expect((await login(f, 'victor')).status).toBe(401);
    for (let i = 0; i < 6; i++) expect((await login(f, 'victor', PASSWORD)).status).toBe(200);
    expect((await login(f, 'victor')).status).toBe(401);
    expect((await login(f, 'victor', PASSWORD)).status).toBe(429);
  });

  it('checks no more than 5 passwords for a name however many guesses arrive at once', async () => {
    const before = (await f.auditRows()).length;
    const answers = await Promise.all(Array.from({ length: 20 }, () => login(f, 'carol')));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15);
    const added = (await f.auditRows()).slice(before);
    expect(added.filter((r) => r.kind === 'auth.login_failed').length).toBeLessThanOrEqual(5);
    expect(added.filter((r) => r.kind === 'auth.refused').length).toBeLessThanOrEqual(1);
  });

  it('prunes failures older than the window on the next failure', async () => {
    expect(await failures(f)).toBeGreaterThan(5);
    f.clock.advance(WINDOW_MS + 1);
    expect((await login(f, 'someone')).status).toBe(401);
    expect(await failures(f)).toBe(1);
  });
});

describe('gateway - login throttle per client address', () => {
  let f: GatewayFixture;
  let url: string;
  beforeAll(async () => {
    f = await startGatewayFixture({
      config: { loginThrottle: { limit: 5, addressLimit: 3, windowS: 300 } },
    });
    await f.addOperator('alice');
    url = (await f.listen()).url;
  });
  afterAll(async () => {
    await f.close();
  });

  const post = (name: string, password: string, forwardedFor: string) =>
    fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: ORIGIN,
        ...viaDashboard(forwardedFor),
      },
      body: JSON.stringify({ name, password }),
    });

  it('counts failures of every name from one address (as the dashboard server forwards it)', async () => {
    for (const name of ['n1', 'n2', 'n3']) {
      expect((await post(name, 'wrong password', '198.51.100.7')).status).toBe(401);
    }
    const before = (await f.auditRows()).length;
    const res = await post('alice', PASSWORD, '198.51.100.7');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('300');
    expect((await errorOf(res)).message).toBe(
      'too many failed sign-ins from this address; try again in 300 s',
    );
    expect((await f.auditRows()).slice(before)).toEqual([
      {
        kind: 'auth.refused',
        actor: 'anonymous',
        subject: 'POST /api/auth/login',
        details: {
          code: 'RATE_LIMITED',
          message: 'too many failed sign-ins from this address; try again in 300 s',
          address: '198.51.100.7',
          windowStart: '2026-03-02T09:00:00.000Z',
          name: 'alice',
          scope: 'address',
          failures: 3,
          windowS: 300,
          retryAfterS: 300,
        },
      },
    ]);
    expect((await post('alice', PASSWORD, '198.51.100.8')).status).toBe(200);
  });

  it('records the address of a failed sign-in in its audit row', async () => {
    expect((await post('n4', 'wrong password', '203.0.113.9')).status).toBe(401);
    expect((await f.auditRows()).at(-1)).toEqual({
      kind: 'auth.login_failed',
      actor: 'anonymous',
      subject: 'n4',
      details: { reason: 'unknown operator', address: '203.0.113.9' },
    });
  });
});
