import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createClientAddress } from './client-address.js';

const SECRET = 'the-dashboard-server-secret-0123456789';

/** The address the resolver gives for a request from `peer` with these headers. */
async function resolve(
  secret: string | null,
  peer: string | undefined,
  headers: Record<string, string> = {},
): Promise<string | null> {
  const clientAddress = createClientAddress(secret);
  const app = new Hono();
  app.get('/', (c) => c.json({ address: clientAddress(c) ?? null }));
  const env = peer === undefined ? undefined : { incoming: { socket: { remoteAddress: peer } } };
  const res = await app.request('/', { headers }, env);
  return ((await res.json()) as { address: string | null }).address;
}

const proxied = (forwarded: string, secret = SECRET) => ({
  'x-forwarded-for': forwarded,
  'x-livegate-proxy': secret,
});

describe('createClientAddress', () => {
  it('is the peer when the request does not carry the proxy secret, loopback included', async () => {
    const forged = { 'x-forwarded-for': '198.51.100.1' };
    expect(await resolve(SECRET, '127.0.0.1', forged)).toBe('127.0.0.1');
    expect(await resolve(SECRET, '::ffff:203.0.113.7', forged)).toBe('203.0.113.7');
    expect(await resolve(SECRET, '127.0.0.1', proxied('198.51.100.1', 'a wrong secret'))).toBe(
      '127.0.0.1',
    );
    expect(await resolve(SECRET, '127.0.0.1', proxied('198.51.100.1', ''))).toBe('127.0.0.1');
    expect(await resolve(null, '127.0.0.1', proxied('198.51.100.1', SECRET))).toBe('127.0.0.1');
  });

  it('is the address the dashboard server forwarded when it sends the secret', async () => {
    expect(await resolve(SECRET, '10.0.0.5', proxied('198.51.100.1'))).toBe('198.51.100.1');
    expect(await resolve(SECRET, '::1', proxied('2001:db8::5'))).toBe('2001:db8::5');
    expect(await resolve(SECRET, '::1', proxied('::ffff:198.51.100.2'))).toBe('198.51.100.2');
    expect(await resolve(SECRET, undefined, proxied('198.51.100.3'))).toBe('198.51.100.3');
  });

  it('takes the last hop (the one the dashboard server wrote), and the peer when it is no address', async () => {
    expect(await resolve(SECRET, '10.0.0.5', proxied('spoofed, 198.51.100.9'))).toBe(
      '198.51.100.9',
    );
    expect(await resolve(SECRET, '10.0.0.5', proxied('198.51.100.9, not-an-ip'))).toBe('10.0.0.5');
    expect(await resolve(SECRET, '10.0.0.5', { 'x-livegate-proxy': SECRET })).toBe('10.0.0.5');
  });

  it('is unknown without a socket and without the secret (an in-process request)', async () => {
    expect(await resolve(SECRET, undefined, { 'x-forwarded-for': '198.51.100.1' })).toBeNull();
  });
});
