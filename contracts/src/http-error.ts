import { z } from 'zod';
import { detailsRecord, humanText, requiredField } from './common.js';
import { armingErrorCodeSchema } from './arming.js';

const HTTP_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'ORIGIN_REJECTED',
  'SOURCE_FORBIDDEN',
  'INTERNAL',
  'UNAVAILABLE',
] as const;
const ARMING_ONLY = armingErrorCodeSchema.options.filter(
  (code): code is Exclude<typeof code, (typeof HTTP_CODES)[number]> =>
    !(HTTP_CODES as readonly string[]).includes(code),
);

/**
 * Machine codes of the gateway's HTTP errors: the HTTP vocabulary (`UNAVAILABLE` when a backing
 * service did not answer in time; `SOURCE_FORBIDDEN` when an API key sends an intent under a source
 * not its own) plus every {@link armingErrorCodeSchema} code, passed through as is.
 */
export const errorCodeSchema = z
  .enum([...HTTP_CODES, ...ARMING_ONLY], requiredField)
  .meta({ id: 'ErrorCode' });
export const ErrorCode = errorCodeSchema.enum;
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/**
 * The body of every non-2xx gateway response: `{ error: { code, message, details? } }` with a machine
 * code, one human sentence, and optional details (e.g. `{ issues: ["field: message"] }`). Never secrets.
 */
export const httpErrorBodySchema = z
  .object({
    error: z.object(
      { code: errorCodeSchema, message: humanText, details: detailsRecord.optional() },
      requiredField,
    ),
  })
  .meta({ id: 'ErrorBody' });
export type HttpErrorBody = z.infer<typeof httpErrorBodySchema>;
