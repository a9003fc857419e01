import { z } from 'zod';

/** Where a service finds NATS and under which namespace: a service's env schema takes these entries by name. */
export const busEnv = {
  /** One server, or several separated by commas. */
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  /** Prefix of every subject and stream: empty in production, one per test file. */
  LIVEGATE_NAMESPACE: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" or "-" only')
    .default(''),
};
