import { busEnv } from '@livegate/bus';
import { databaseEnv } from '@livegate/db';
import { parseEnv } from '@livegate/runtime';
import { z } from 'zod';

const auditEnvSchema = z.object({
  DATABASE_URL: databaseEnv.DATABASE_URL,
  NATS_URL: busEnv.NATS_URL,
  LIVEGATE_NAMESPACE: busEnv.LIVEGATE_NAMESPACE,
});

export interface AuditCliConfig {
  readonly databaseUrl: string;
  readonly natsUrl: string;
  readonly namespace: string;
}

/** Reads the CLI's environment once (empty counts as unset, every bad variable reported). */
export function loadAuditConfig(env: Record<string, string | undefined>): AuditCliConfig {
  const e = parseEnv(auditEnvSchema, env);
  return Object.freeze({
    databaseUrl: e.DATABASE_URL,
    natsUrl: e.NATS_URL,
    namespace: e.LIVEGATE_NAMESPACE,
  });
}
