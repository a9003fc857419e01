import { z } from 'zod';
import { count, humanText, idToken, isoDateTime } from './common.js';

/**
 * An intent message execution gave up on after `deliveries` attempts, on
 * `orders.deadletter.<source>` (stream DEAD_LETTERS): `payload` is the message as it arrived,
 * `intentId`/`source` when it had usable ones, `reason` the last reason it could not be handled.
 */
export const deadLetterSchema = z
  .object({
    intentId: idToken.optional(),
    source: idToken.optional(),
    reason: humanText,
    deliveries: count,
    at: isoDateTime,
    payload: z.unknown(),
  })
  .meta({ id: 'DeadLetter' });
export type DeadLetter = z.infer<typeof deadLetterSchema>;
