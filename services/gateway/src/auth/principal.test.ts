import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { ApiError } from '../http/api-error.js';
import { actorOf, principalOf, sessionOf, type GatewayEnv, type Principal } from './principal.js';

const key: Principal = {
  kind: 'apiKey',
  name: 'key:bot',
  role: 'strategy',
  keyId: 'k1',
  source: 'bot',
};

function app(principal: Principal | undefined, use: typeof principalOf) {
  const a = new Hono<GatewayEnv>();
  a.onError((err, c) => c.json({ code: (err as ApiError).code }, (err as ApiError).status));
  a.get('/', (c) => {
    c.set('principal', principal);
    return c.json({ name: use(c).name });
  });
  return a;
}

describe('principalOf / sessionOf', () => {
  it('refuse a handler reached without a caller (401) or with an API key where a session is needed (403)', async () => {
    const none = await app(undefined, principalOf).request('/');
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ code: 'UNAUTHORIZED' });
    const viaKey = await app(key, sessionOf).request('/');
    expect(viaKey.status).toBe(403);
    expect(await viaKey.json()).toEqual({ code: 'FORBIDDEN' });
    expect(await (await app(key, principalOf).request('/')).json()).toEqual({ name: 'key:bot' });
  });

  it('name anonymous callers "anonymous" in audit rows', () => {
    expect(actorOf(undefined)).toBe('anonymous');
    expect(actorOf(key)).toBe('key:bot');
  });
});
