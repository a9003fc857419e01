import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';

/** The client's IP address, or `undefined` when the request did not come over a socket. */
export type ClientAddress = (c: Context) => string | undefined;

/** What `@hono/node-server` binds as `c.env`. */
interface NodeBindings {
  readonly incoming?: { readonly socket?: { readonly remoteAddress?: string } };
}

const family = (address: string) => (isIP(address) === 4 ? 'ipv4' : 'ipv6');

/** `::ffff:10.0.0.1` (IPv4 on a dual-stack socket) is `10.0.0.1`. */
function plain(address: string): string {
  return /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;
}

function blockList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    if (prefix === undefined) list.addAddress(address, family(address));
    else list.addSubnet(address, Number(prefix), family(address));
  }
  return list;
}

/**
 * Resolves the client address: the socket's peer, unless the peer is a trusted proxy (an address or
 * range of `trustedProxies`, e.g. the dashboard server, which sets `X-Forwarded-For`); then the
 * `X-Forwarded-For` chain is walked from the right past trusted hops to the first untrusted one. A
 * malformed entry ends the walk at the last hop known good, so a client cannot pick its address.
 */
export function createClientAddress(trustedProxies: readonly string[]): ClientAddress {
  const trusted = blockList(trustedProxies);
  const isTrusted = (address: string) => trusted.check(address, family(address));
  return function clientAddress(c) {
    const peer = (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress;
    if (peer === undefined) return undefined;
    let address = plain(peer);
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').reverse();
    for (const hop of hops) {
      if (!isTrusted(address)) break;
      const next = plain(hop.trim());
      if (isIP(next) === 0) break;
      address = next;
    }
    return address.slice(0, 64);
  };
}
