import { randomBytes } from 'node:crypto';
import {
  busAuthOf,
  createBusUsers,
  findBusUser,
  serverUserOf,
  type BusAuth,
  type BusIdentity,
  type BusUser,
} from '@livegate/bus';
import { startNatsServer } from './nats-server.js';

export interface TrustedNats {
  readonly url: string;
  readonly namespace: string;
  readonly users: readonly BusUser[];
  /** How `identity` connects (its seed and inbox prefix). */
  auth(identity: BusIdentity): BusAuth;
  stop(): Promise<void>;
}

export interface TrustedNatsOptions {
  /** One NATS user per strategy source. */
  readonly strategies?: readonly string[];
  readonly namespace?: string;
}

/**
 * A private nats-server that requires credentials: a user per service, per strategy and the
 * administrator, each with the permissions generated for a fresh namespace (as `pnpm start` runs).
 */
export async function startTrustedNats({
  strategies = [],
  namespace = `t${randomBytes(5).toString('hex')}`,
}: TrustedNatsOptions = {}): Promise<TrustedNats> {
  const users = createBusUsers({ namespace, strategies });
  const server = await startNatsServer({ users: users.map(serverUserOf) });
  return {
    url: server.url,
    namespace,
    users,
    auth: (identity) => busAuthOf(findBusUser(users, identity, namespace)),
    stop: () => server.stop(),
  };
}
