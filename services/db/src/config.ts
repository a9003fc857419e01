import { parseEnv } from '@livegate/runtime';
import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from './database-url.js';
import { databaseUrlAs, SERVICE_ROLES, type ServiceName } from './roles/roles.js';

/** Where a service finds Postgres: a service's env schema takes this entry by name. */
export const databaseEnv = {
  /** Postgres connection string; default: local trust-auth server, database `livegate`. */
  DATABASE_URL: z.string().default(DEFAULT_DATABASE_URL),
};

/**
 * A service's DATABASE_URL entry: by default the local livegate database logged in as that
 * service's own role (`postgres://livegate_<service>@127.0.0.1:5432/livegate`), never the superuser.
 */
export function serviceDatabaseEnv(service: ServiceName) {
  const url = databaseUrlAs(DEFAULT_DATABASE_URL, SERVICE_ROLES[service]);
  return { DATABASE_URL: z.string().default(url) };
}

const dbEnvSchema = z.object(databaseEnv);

export interface DbConfig {
  readonly databaseUrl: string;
}

/** Reads DATABASE_URL (empty counts as unset). The URL itself is judged by createDb/checkDb. */
export function loadDbConfig(env: Record<string, string | undefined>): DbConfig {
  const parsed = parseEnv(dbEnvSchema, env);
  return Object.freeze({ databaseUrl: parsed.DATABASE_URL });
}
