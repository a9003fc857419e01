import { createLogger } from '@livegate/runtime';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  errorOf,
  ORIGIN,
  PASSWORD,
  startGatewayFixture,
  type GatewayFixture,
} from '../../test/fixture.js';
import { createGateway } from '../create-gateway.js';

describe('gateway - unexpected failures', () => {
  let f: GatewayFixture;
  beforeAll(async () => {
    f = await startGatewayFixture({ dbThroughProxy: true });
    await f.addOperator('alice');
    await f.cutDb();
  });
  afterAll(async () => {
    await f.close();
  });

  it('answers 500 INTERNAL with the request id and no detail, and logs the error', async () => {
    const res = await f.http('/api/auth/login', {
      method: 'POST',
      body: { name: 'alice', password: PASSWORD },
      origin: ORIGIN,
      headers: { 'x-request-id': 'req-500' },
    });
    expect(res.status).toBe(500);
    expect(await errorOf(res)).toEqual({
      code: 'INTERNAL',
      message: 'internal error (request req-500)',
    });
    const lines = f.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'unhandled error', reqId: 'req-500' }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'request failed', reqId: 'req-500', status: 500, level: 50 }),
    );
    expect(f.logs.join('')).not.toContain(PASSWORD);
  });

  it('still refuses (401) when the refusal cannot be audited, and logs that', async () => {
    const res = await f.http('/api/live/kill', { method: 'POST', body: { reason: 'x' } });
    expect(res.status).toBe(401);
    expect(f.logs.join('')).toContain('refusal counts not written to the audit log');
    expect(f.logs.join('')).toContain('refusal not written to the audit log');
  });
});

describe('gateway - an audit row that cannot be written', () => {
  it('still refuses a bad request with 400, and logs that', async () => {
    const f = await startGatewayFixture();
    try {
      await f.addOperator('alice');
      const cookie = await f.login('alice');
      // A real database fault: this database refuses bad-request rows from now on.
      await sql`create function audit.refuse_bad_request() returns trigger language plpgsql as
        $$ begin raise exception 'audit log unavailable'; end $$`.execute(f.t.db);
      await sql`create trigger refuse_bad_request before insert on audit.log for each row
        when (new.kind = 'http.bad_request') execute function audit.refuse_bad_request()`.execute(
        f.t.db,
      );
      const res = await f.http('/api/live/arm', { method: 'POST', cookie, rawBody: '{' });
      expect(res.status).toBe(400);
      expect(f.logs.join('')).toContain('bad request not audited');
    } finally {
      await f.close();
    }
  });
});

describe('gateway - default clock and timer', () => {
  it('slows a sign-in with a real timer when no sleep is given', async () => {
    const f = await startGatewayFixture();
    try {
      const gateway = createGateway({
        db: f.t.db,
        bus: f.bus,
        config: {
          ...f.config,
          loginThrottle: { limit: 1, addressLimit: 100, windowS: 300 },
          loginSlowdown: { stepMs: 1, maxMs: 5 },
        },
        logger: createLogger({ service: 'gw', level: 'silent' }),
      });
      const login = (from: string) =>
        gateway.app.request('/api/auth/login', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-forwarded-for': from,
            'x-livegate-proxy': f.config.proxySecret as string,
          },
          body: JSON.stringify({ name: 'nobody', password: 'not the password' }),
        });
      expect((await login('192.0.2.1')).status).toBe(401);
      expect((await login('192.0.2.2')).status).toBe(401);
    } finally {
      await f.close();
    }
  });

  it('uses the wall clock when none is given', async () => {
    const f = await startGatewayFixture();
    try {
      await f.addOperator('alice');
      const gateway = createGateway({
        db: f.t.db,
        bus: f.bus,
        config: f.config,
        logger: createLogger({ service: 'gw', level: 'silent' }),
      });
      const before = Date.now();
      const res = await gateway.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'alice', password: PASSWORD }),
      });
      const { expiresAt } = (await res.json()) as { expiresAt: string };
      expect(Date.parse(expiresAt) - before).toBeGreaterThanOrEqual(8 * 3600_000);
      expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(8 * 3600_000);
    } finally {
      await f.close();
    }
  });
});
