import type { BusPermissions } from './permissions.js';

/** One NATS user in the server config: its nkey (public) and what it may do. */
export interface ServerUser {
  /** Written as a comment above the entry, for the reader: `execution@ns`. */
  readonly name: string;
  readonly nkey: string;
  readonly permissions: BusPermissions;
}

export interface NatsServerConfigProps {
  readonly host: string;
  readonly port: number;
  /** JetStream store; JetStream is on. */
  readonly storeDir: string;
  /** Monitoring port (`/healthz`, `/connz`), when wanted. */
  readonly httpPort?: number;
  readonly users: readonly ServerUser[];
}

/**
 * A nats-server (2.9+) configuration in its JSON form: JetStream on, and nkey users only, each with
 * allow-lists for publish and subscribe. A connection without a listed nkey is refused; anything
 * not allowed is a permission violation at the server.
 */
export function natsServerConfig({
  host,
  port,
  storeDir,
  httpPort,
  users,
}: NatsServerConfigProps): string {
  const head = {
    listen: `${host}:${port}`,
    ...(httpPort !== undefined && { http: `${host}:${httpPort}` }),
    jetstream: { store_dir: storeDir },
  };
  // nats-server reads JSON, and `#` comments anywhere: each user is named above its entry.
  const entries = users.map(({ name, nkey, permissions: p }) => {
    const user = {
      nkey,
      permissions: {
        publish: { allow: [...p.publish] },
        subscribe: { allow: [...p.subscribe] },
        ...(p.allowResponses && { allow_responses: true }),
      },
    };
    return `    # ${name.replace(/\s+/g, ' ')}\n    ${JSON.stringify(user)}`;
  });
  const body = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${body},\n  "authorization": {\n   "users": [\n${entries.join(',\n')}\n   ]\n  }\n}\n`;
}
