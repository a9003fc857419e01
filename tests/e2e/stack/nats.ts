import { createLogger } from '../../../services/runtime/src/index.js';
import {
  busAuthOf,
  connectBus,
  createBusUsers,
  findBusUser,
  serverUserOf,
  type BusAuth,
  type BusIdentity,
  type BusUser,
} from '../../../services/bus/src/index.js';
import { startNatsServer } from '../../harness/src/nats-server.js';

export interface E2eNats {
  readonly url: string;
  /** How `identity` of the stack under `namespace` connects. */
  auth(namespace: string, identity: BusIdentity): BusAuth;
  /** Creates the streams of `namespace` as its administrator (services may only look them up). */
  provision(namespace: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A private nats-server that lets in only the generated users of each stack's namespace (a user per
 * service, the administrator, and the strategy `e2e-strategy`), with their permissions: the stack
 * runs on the bus as `pnpm start` and docker compose run it.
 */
export async function startNats(namespaces: readonly string[]): Promise<E2eNats> {
  const users: BusUser[] = namespaces.flatMap((namespace) =>
    createBusUsers({ namespace, strategies: ['e2e-strategy'] }),
  );
  const server = await startNatsServer({ users: users.map(serverUserOf) });
  const auth = (namespace: string, identity: BusIdentity) =>
    busAuthOf(findBusUser(users, identity, namespace));
  return {
    url: server.url,
    auth,
    async provision(namespace) {
      const bus = await connectBus({
        url: server.url,
        name: 'e2e-admin',
        logger: createLogger({ service: 'e2e', level: 'warn' }),
        namespace,
        auth: auth(namespace, { role: 'admin' }),
      });
      try {
        await bus.ensureStreams();
      } finally {
        await bus.close();
      }
    },
    stop: () => server.stop(),
  };
}
