import { busAuthEnv, busAuthFromEnv, busEnv, type BusAuth } from '@livegate/bus';
import { databaseEnv } from '@livegate/db';
import { parseEnv } from '@livegate/runtime';
import { z } from 'zod';

const auditEnvSchema = z.object({
  DATABASE_URL: databaseEnv.DATABASE_URL,
  NATS_URL: busEnv.NATS_URL,
  ...busAuthEnv,
  LIVEGATE_NAMESPACE: busEnv.LIVEGATE_NAMESPACE,
});

export interface AuditCliConfig {
  readonly databaseUrl: string;
  readonly natsUrl: string;
  /** The administrator's NATS credentials (it reads the AUDIT stream, publishes anchors). */
  readonly natsAuth: BusAuth | undefined;
  readonly namespace: string;
}

/** Reads the CLI's environment once (empty counts as unset, every bad variable reported). */
export function loadAuditConfig(env: Record<string, string | undefined>): AuditCliConfig {
  const e = parseEnv(auditEnvSchema, env);
  return Object.freeze({
    databaseUrl: e.DATABASE_URL,
    natsUrl: e.NATS_URL,
    natsAuth: busAuthFromEnv(e),
    namespace: e.LIVEGATE_NAMESPACE,
  });
}
