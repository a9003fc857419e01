import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  busCredentialsSchema,
  createBusUsers,
  serverUserOf,
  type BusCredentials,
  type BusUser,
} from './credentials.js';
import { identityName } from './identity.js';
import { natsServerConfig } from './server-config.js';

/** Reads a credentials file (JSON, checked against the schema); one line naming the file if bad. */
export async function readBusCredentials(file: string): Promise<BusCredentials> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`NATS credentials ${file}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = busCredentialsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`NATS credentials ${file}: not a livegate credentials file`);
  return parsed.data;
}

async function writePrivate(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, text, { mode: 0o600 });
  await chmod(file, 0o600);
}

const key = (u: BusUser) => `${u.namespace}/${identityName(u.identity)}`;

/**
 * The credentials in `file`, created when missing and completed with any user `namespace` and
 * `strategies` need (existing seeds are kept, so running services keep working). Mode 0600.
 */
export async function loadOrCreateBusCredentials(
  file: string,
  { namespace = '', strategies = [] }: { namespace?: string; strategies?: readonly string[] },
): Promise<BusCredentials> {
  let users: BusUser[] = [];
  try {
    users = [...(await readBusCredentials(file)).users];
  } catch (err) {
    if ((err as { cause?: { code?: string } }).cause?.code !== 'ENOENT') throw err;
  }
  const have = new Set(users.map(key));
  const added = createBusUsers({ namespace, strategies }).filter((u) => !have.has(key(u)));
  const credentials: BusCredentials = { version: 1, users: [...users, ...added] };
  if (added.length > 0 || users.length === 0)
    await writePrivate(file, `${JSON.stringify(credentials, null, 2)}\n`);
  return credentials;
}

export interface NatsDeploymentProps {
  readonly credentials: BusCredentials;
  readonly host: string;
  readonly port: number;
  readonly httpPort?: number;
  readonly storeDir: string;
}

/**
 * Writes what a server and its clients need into `dir`: `nats.conf` (public keys and permissions
 * only) and, per user, `users/<name>[@<namespace>]/seed` (mode 0600) for a container to mount alone.
 */
export async function writeNatsDeployment(
  dir: string,
  { credentials, host, port, httpPort, storeDir }: NatsDeploymentProps,
): Promise<string> {
  const conf = join(dir, 'nats.conf');
  const entries = credentials.users.map((user) => ({ user, server: serverUserOf(user) }));
  const users = entries.map((e) => e.server);
  await writePrivate(conf, natsServerConfig({ host, port, httpPort, storeDir, users }));
  for (const { user, server } of entries)
    await writePrivate(join(dir, 'users', server.name, 'seed'), `${user.nkeySeed}\n`);
  return conf;
}
