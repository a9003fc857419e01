import { subjectToken } from '@livegate/contracts';

/** The services that connect to the bus, each with its own NATS user. */
export const BUS_SERVICES = ['execution', 'reconciler', 'arming', 'gateway'] as const;
export type BusService = (typeof BUS_SERVICES)[number];

/**
 * Who a connection is: a service, a strategy (one per `source`), or the administrator that
 * provisions streams and reads the audit trail (never a running service).
 */
export type BusIdentity =
  | { readonly role: 'service'; readonly service: BusService }
  | { readonly role: 'strategy'; readonly source: string }
  | { readonly role: 'admin' };

/** `execution`, `strategy-<source>`, `admin`: the user's name in the credentials and the config. */
export function identityName(identity: BusIdentity): string {
  if (identity.role === 'service') return identity.service;
  if (identity.role === 'strategy') return `strategy-${subjectToken(identity.source)}`;
  return 'admin';
}

/**
 * The user's own reply subjects (`_INBOX_<namespace>_<name>`): it may subscribe there and nowhere
 * else under `_INBOX`, so no user reads another's replies (on one server, across namespaces too).
 */
export function inboxPrefixOf(identity: BusIdentity, namespace = ''): string {
  const ns = namespace === '' ? '' : `${subjectToken(namespace)}_`;
  return `_INBOX_${ns}${identityName(identity)}`;
}
