import { nkeys } from '@nats-io/transport-node';
import { z } from 'zod';
import { BUS_SERVICES, identityName, inboxPrefixOf, type BusIdentity } from './identity.js';
import { busPermissions } from './permissions.js';
import type { ServerUser } from './server-config.js';

/** An nkey user seed (`SU…`, base32): the secret a connection signs the server's challenge with. */
export const nkeySeedSchema = z
  .string()
  .regex(/^SU[A-Z2-7]{56}$/, 'must be a NATS user nkey seed (58 characters starting with "SU")');

const identitySchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('service'), service: z.enum(BUS_SERVICES) }),
  z.object({ role: z.literal('strategy'), source: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/) }),
  z.object({ role: z.literal('admin') }),
]);

/** One user of the credentials file: who, under which namespace, and its seed. */
export const busUserSchema = z.object({
  identity: identitySchema,
  namespace: z.string().regex(/^[A-Za-z0-9_-]*$/),
  nkeySeed: nkeySeedSchema,
});
export type BusUser = z.infer<typeof busUserSchema>;

/** The credentials file (`pnpm start` keeps it in `.data/nats/credentials.json`, mode 0600). */
export const busCredentialsSchema = z.object({
  version: z.literal(1),
  users: z.array(busUserSchema),
});
export type BusCredentials = z.infer<typeof busCredentialsSchema>;

/** How a connection authenticates: an nkey seed (livegate's own), a user and password, or a token. */
export type BusAuth = { readonly inboxPrefix?: string } & (
  | { readonly nkeySeed: string }
  | { readonly user: string; readonly password: string }
  | { readonly token: string }
);

export interface CreateBusUsersProps {
  readonly namespace?: string;
  /** One user per strategy source. */
  readonly strategies?: readonly string[];
}

function userFor(identity: BusIdentity, namespace: string): BusUser {
  return {
    identity,
    namespace,
    nkeySeed: new TextDecoder().decode(nkeys.createUser().getSeed()),
  };
}

/** Fresh users (new seeds) for every service, the administrator and each strategy of `namespace`. */
export function createBusUsers({
  namespace = '',
  strategies = [],
}: CreateBusUsersProps): BusUser[] {
  return [
    ...BUS_SERVICES.map((service) => userFor({ role: 'service', service }, namespace)),
    userFor({ role: 'admin' }, namespace),
    ...strategies.map((source) => userFor({ role: 'strategy', source }, namespace)),
  ];
}

/** Whether `user` is `identity`. */
function isIdentity(user: BusUser, identity: BusIdentity): boolean {
  return identityName(user.identity) === identityName(identity);
}

/** The user of `identity` under `namespace`, or an error naming what is missing. */
export function findBusUser(
  users: readonly BusUser[],
  identity: BusIdentity,
  namespace = '',
): BusUser {
  const found = users.find((u) => u.namespace === namespace && isIdentity(u, identity));
  if (found === undefined)
    throw new Error(
      `no NATS credentials for ${identityName(identity)}${namespace === '' ? '' : ` in namespace ${namespace}`}`,
    );
  return found;
}

/** How `user` connects: its seed and its own inbox prefix. */
export function busAuthOf(user: BusUser): BusAuth {
  return { nkeySeed: user.nkeySeed, inboxPrefix: inboxPrefixOf(user.identity, user.namespace) };
}

/** The server-config entry of `user`: its public key and its generated permissions. */
export function serverUserOf(user: BusUser): ServerUser {
  const ns = user.namespace === '' ? '' : `@${user.namespace}`;
  return {
    name: `${identityName(user.identity)}${ns}`,
    nkey: nkeys.fromSeed(new TextEncoder().encode(user.nkeySeed)).getPublicKey(),
    permissions: busPermissions(user.identity, user.namespace),
  };
}
