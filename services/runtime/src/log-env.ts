import { z } from 'zod';

/** How a service process logs: a service's env schema takes these entries by name, for `createLogger`. */
export const logEnv = {
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /** `pretty` for a terminal in development; `json` otherwise. */
  LOG_FORMAT: z.enum(['pretty', 'json']).default('json'),
};
