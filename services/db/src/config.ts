import { parseEnv } from '@livegate/runtime';
import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from './database-url.js';

/** Where a service finds Postgres: a service's env schema takes this entry by name. */
export const databaseEnv = {
  /** Postgres connection string; default: local trust-auth server, database `livegate`. */
  DATABASE_URL: z.string().default(DEFAULT_DATABASE_URL),
};

const dbEnvSchema = z.object(databaseEnv);

export interface DbConfig {
  readonly databaseUrl: string;
}

/** Reads DATABASE_URL (empty counts as unset). The URL itself is judged by createDb/checkDb. */
export function loadDbConfig(env: Record<string, string | undefined>): DbConfig {
  const parsed = parseEnv(dbEnvSchema, env);
  return Object.freeze({ databaseUrl: parsed.DATABASE_URL });
}
