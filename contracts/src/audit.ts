import { z } from 'zod';
import { detailsRecord, isoDateTime, requiredField } from './common.js';

/** An audit kind: lowercase words joined by `_` or `.`, e.g. `arm_confirmed` or `arm.refused`. */
export const auditKindSchema = z
  .string(requiredField)
  .regex(
    /^[a-z0-9_]+(\.[a-z0-9_]+)*$/,
    'must be lowercase letters, digits and "_", in parts joined by "."',
  )
  .max(64, 'must be at most 64 characters');

/**
 * One row of the append-only, hash-chained audit table, as stored and as published on `audit.<kind>`.
 * `id` is the row's bigint as a digit string; `hash` chains it to the previous row (64 lowercase hex).
 * `details` never holds secrets (tokens, keys, passwords).
 */
export const auditEventSchema = z
  .object({
    id: z.string(requiredField).regex(/^[0-9]{1,20}$/, 'must be 1 to 20 digits'),
    kind: auditKindSchema,
    actor: z
      .string(requiredField)
      .min(1, 'must not be empty')
      .max(128, 'must be at most 128 characters'),
    subject: z.string().max(256, 'must be at most 256 characters').optional(),
    details: detailsRecord,
    at: isoDateTime,
    hash: z.string(requiredField).regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters'),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof auditEventSchema>;

/**
 * The head of the audit chain (its newest row's id and hash) as it stood at `at`, published on
 * `anchor.audit` into the AUDIT stream: a record outside the database that a rewritten chain or a
 * removed tail no longer matches (`pnpm audit:verify`).
 */
export const auditAnchorSchema = z
  .object({
    lastId: z.string(requiredField).regex(/^[0-9]{1,20}$/, 'must be 1 to 20 digits'),
    hash: z.string(requiredField).regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters'),
    at: isoDateTime,
  })
  .meta({ id: 'AuditAnchor' });
export type AuditAnchor = z.infer<typeof auditAnchorSchema>;
