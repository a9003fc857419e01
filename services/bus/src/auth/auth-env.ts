import { readFileSync } from 'node:fs';
import { ConfigError } from '@livegate/runtime';
import { z } from 'zod';
import { nkeySeedSchema, type BusAuth } from './credentials.js';

/**
 * How a service authenticates to NATS: a service's env schema spreads these entries. One of an nkey
 * seed (`NATS_NKEY_SEED`, or a file holding it: `NATS_NKEY_SEED_FILE`), `NATS_USER` +
 * `NATS_PASSWORD`, or `NATS_TOKEN`; none connects without credentials (a server that requires them
 * refuses). `NATS_INBOX_PREFIX` is the reply prefix the user may subscribe to (`_INBOX_<name>`).
 */
export const busAuthEnv = {
  NATS_NKEY_SEED: nkeySeedSchema.optional(),
  NATS_NKEY_SEED_FILE: z.string().optional(),
  NATS_USER: z.string().optional(),
  NATS_PASSWORD: z.string().optional(),
  NATS_TOKEN: z.string().optional(),
  NATS_INBOX_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" or "-" only')
    .optional(),
};

export type BusAuthEnv = {
  readonly [K in keyof typeof busAuthEnv]?: string;
};

function seedFrom(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new ConfigError([`NATS_NKEY_SEED_FILE: cannot read ${file} (${(err as Error).message})`]);
  }
  const parsed = nkeySeedSchema.safeParse(text);
  if (!parsed.success) throw new ConfigError([`NATS_NKEY_SEED_FILE: ${file} holds no nkey seed`]);
  return parsed.data;
}

/** The credentials the env names (parsed by the service's schema), or undefined for none. */
export function busAuthFromEnv(e: BusAuthEnv): BusAuth | undefined {
  const given = [
    e.NATS_NKEY_SEED !== undefined && 'NATS_NKEY_SEED',
    e.NATS_NKEY_SEED_FILE !== undefined && 'NATS_NKEY_SEED_FILE',
    (e.NATS_USER !== undefined || e.NATS_PASSWORD !== undefined) && 'NATS_USER/NATS_PASSWORD',
    e.NATS_TOKEN !== undefined && 'NATS_TOKEN',
  ].filter((x) => x !== false);
  if (given.length > 1)
    throw new ConfigError([`NATS credentials: set one of ${given.join(', ')}, not several`]);
  const inbox = e.NATS_INBOX_PREFIX === undefined ? {} : { inboxPrefix: e.NATS_INBOX_PREFIX };
  if (e.NATS_NKEY_SEED !== undefined) return { nkeySeed: e.NATS_NKEY_SEED, ...inbox };
  if (e.NATS_NKEY_SEED_FILE !== undefined)
    return { nkeySeed: seedFrom(e.NATS_NKEY_SEED_FILE), ...inbox };
  if (e.NATS_TOKEN !== undefined) return { token: e.NATS_TOKEN, ...inbox };
  if (e.NATS_USER === undefined || e.NATS_PASSWORD === undefined) {
    if (given.length === 0) return undefined;
    throw new ConfigError(['NATS_USER/NATS_PASSWORD: set both']);
  }
  return { user: e.NATS_USER, password: e.NATS_PASSWORD, ...inbox };
}
