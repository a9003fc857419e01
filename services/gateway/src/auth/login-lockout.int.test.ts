import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ORIGIN,
  PASSWORD,
  PROXY_SECRET,
  startGatewayFixture,
  viaDashboard,
  type GatewayFixture,
} from '../../test/fixture.js';

const WINDOW_MS = 300_000;
const WRONG = 'not the password';

/**
 * The attacks of issue 11 on sign-in: an attacker elsewhere must never lock an operator out of her own
 * client, and a client cannot pick its address by sending X-Forwarded-For without the proxy secret.
 * Over real HTTP: the gateway sees the test's loopback socket as the peer.
 */
describe('gateway - sign-in cannot be turned against an operator', () => {
  let f: GatewayFixture;
  let url: string;
  beforeAll(async () => {
    f = await startGatewayFixture();
    await f.addOperator('alice');
    url = (await f.listen()).url;
  });
  beforeEach(() => {
    f.clock.advance(WINDOW_MS + 1);
    f.sleeps.length = 0;
  });
  afterAll(async () => {
    await f.close();
  });

  const post = (name: string, password: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
      body: JSON.stringify({ name, password }),
    });

  it('failures for alice from other addresses never refuse her right password from her own client', async () => {
    for (let i = 1; i <= 8; i++) {
      expect((await post('alice', WRONG, viaDashboard(`203.0.113.${i}`))).status).toBe(401);
    }
    const direct: number[] = [];
    for (let i = 0; i < 7; i++) direct.push((await post('alice', WRONG)).status);
    expect(direct).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const mine = await post('alice', PASSWORD, viaDashboard('198.51.100.10'));
    expect(mine.status).toBe(200);
    expect(mine.headers.get('set-cookie')).toMatch(/^livegate_session=/);
  });

  it('slows the checks of a name under attack from many addresses, progressively and bounded', async () => {
    for (let i = 1; i <= 12; i++) {
      expect((await post('alice', WRONG, viaDashboard(`192.0.2.${i}`))).status).toBe(401);
    }
    expect((await post('alice', PASSWORD, viaDashboard('198.51.100.10'))).status).toBe(200);
    const { limit } = f.config.loginThrottle;
    const { maxMs } = f.config.loginSlowdown;
    const slowed = f.sleeps;
    expect(slowed.length).toBe(13 - limit);
    expect(slowed[0]).toBeGreaterThan(0);
    for (let i = 1; i < slowed.length; i++) {
      expect(slowed[i]).toBeGreaterThanOrEqual(slowed[i - 1] as number);
    }
    expect(slowed.at(-1)).toBe(maxMs);
    expect(Math.max(...f.sleeps)).toBeLessThanOrEqual(maxMs);
  });

  it('counts a local client rotating X-Forwarded-For without the proxy secret as one address', async () => {
    const statuses: number[] = [];
    const { addressLimit } = f.config.loginThrottle;
    for (let i = 1; i <= addressLimit + 2; i++) {
      statuses.push((await post(`n${i}`, WRONG, { 'x-forwarded-for': `198.51.100.${i}` })).status);
    }
    expect(statuses.slice(0, addressLimit).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(addressLimit)).toEqual([429, 429]);
    const failed = (await f.auditRows()).filter((r) => r.kind === 'auth.login_failed').at(-1);
    expect(failed?.details).toMatchObject({ address: '127.0.0.1' });
  });

  it('ignores X-Forwarded-For with a wrong or an empty proxy secret', async () => {
    for (const secret of ['wrong-secret-0123456789abcdef-xyz', '']) {
      f.clock.advance(WINDOW_MS + 1);
      const statuses: number[] = [];
      const { addressLimit } = f.config.loginThrottle;
      for (let i = 1; i <= addressLimit + 1; i++) {
        const headers = viaDashboard(`198.51.100.${i}`, secret);
        statuses.push((await post(`m${i}`, WRONG, headers)).status);
      }
      expect(statuses.at(-1), `secret ${JSON.stringify(secret)}`).toBe(429);
    }
    expect(f.logs.join('')).not.toContain(PROXY_SECRET);
  });
});
