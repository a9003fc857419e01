import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createClientAddress } from './client-address.js';

/** The address the resolver gives for a request from `peer` carrying `forwarded` (X-Forwarded-For). */
async function resolve(
  trusted: readonly string[],
  peer: string | undefined,
  forwarded?: string,
): Promise<string | null> {
  const clientAddress = createClientAddress(trusted);
  const app = new Hono();
  app.get('/', (c) => c.json({ address: clientAddress(c) ?? null }));
  const env = peer === undefined ? undefined : { incoming: { socket: { remoteAddress: peer } } };
  const headers: Record<string, string> =
    forwarded === undefined ? {} : { 'x-forwarded-for': forwarded };
  const res = await app.request('/', { headers }, env);
  return ((await res.json()) as { address: string | null }).address;
}

const LOOPBACK = ['127.0.0.1', '::1'];

describe('createClientAddress', () => {
  it('is the peer when it is not a trusted proxy, whatever it forwards', async () => {
    expect(await resolve(LOOPBACK, '203.0.113.7', '198.51.100.1')).toBe('203.0.113.7');
    expect(await resolve([], '127.0.0.1', '198.51.100.1')).toBe('127.0.0.1');
  });

  it('is the forwarded client when the peer is a trusted proxy (the dashboard server)', async () => {
    expect(await resolve(LOOPBACK, '127.0.0.1', '198.51.100.1')).toBe('198.51.100.1');
    expect(await resolve(LOOPBACK, '::1', '2001:db8::5')).toBe('2001:db8::5');
    expect(await resolve(LOOPBACK, '::ffff:127.0.0.1', '::ffff:198.51.100.2')).toBe('198.51.100.2');
  });

  it('walks the chain from the right, past trusted hops, to the first untrusted one', async () => {
    const trusted = ['10.0.0.0/8', 'fd00::/8'];
    expect(await resolve(trusted, '10.1.2.3', 'spoofed, 198.51.100.1, 10.9.9.9')).toBe(
      '198.51.100.1',
    );
    expect(await resolve(trusted, 'fd00::1', '10.0.0.2, 10.0.0.3')).toBe('10.0.0.2');
  });

  it('stops at the last trusted hop when the header is missing or malformed', async () => {
    expect(await resolve(LOOPBACK, '127.0.0.1')).toBe('127.0.0.1');
    expect(await resolve(['10.0.0.0/8'], '10.0.0.1', 'not-an-ip, 10.0.0.9')).toBe('10.0.0.9');
  });

  it('is unknown without a socket (an in-process request)', async () => {
    expect(await resolve(LOOPBACK, undefined, '198.51.100.1')).toBeNull();
  });
});
