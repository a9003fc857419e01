import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { Context } from 'hono';

/** The client's IP address, or `undefined` when the request did not come over a socket. */
export type ClientAddress = (c: Context) => string | undefined;

/** The header the dashboard server proves itself with. */
export const PROXY_SECRET_HEADER = 'x-livegate-proxy';

/** What `@hono/node-server` binds as `c.env`. */
interface NodeBindings {
  readonly incoming?: { readonly socket?: { readonly remoteAddress?: string } };
}

/** `::ffff:10.0.0.1` (IPv4 on a dual-stack socket) is `10.0.0.1`. */
function plain(address: string): string {
  return /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares in constant time (over digests, so the length of the secret does not leak either). */
function secretMatches(given: string | undefined, secret: Buffer | undefined): boolean {
  if (given === undefined || secret === undefined) return false;
  return timingSafeEqual(digest(given), secret);
}

/**
 * Resolves the client address: the socket's peer, unless the request carries the proxy secret
 * (`X-Livegate-Proxy`, shared with the dashboard server); then the last `X-Forwarded-For` entry, the
 * address the dashboard server put there. Without the secret (or with a wrong one) X-Forwarded-For is
 * ignored whoever sends it, loopback included: a client cannot pick its address.
 */
export function createClientAddress(proxySecret: string | null): ClientAddress {
  const secret = proxySecret === null ? undefined : digest(proxySecret);
  return function clientAddress(c) {
    const peer = (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress;
    if (secretMatches(c.req.header(PROXY_SECRET_HEADER), secret)) {
      const chain = c.req.header('x-forwarded-for') ?? '';
      const forwarded = plain(chain.slice(chain.lastIndexOf(',') + 1).trim());
      if (isIP(forwarded) !== 0) return forwarded;
    }
    return peer === undefined ? undefined : plain(peer).slice(0, 64);
  };
}
