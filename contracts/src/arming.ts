import { z } from 'zod';
import { humanText, isoDateTime, operatorName, requiredField } from './common.js';
import { modeSnapshotSchema } from './mode.js';
import type { ArmingVerb } from './subjects.js';

/** The phrase an operator types to confirm arming live. */
export const ARM_PHRASE = 'ARM LIVE';

/** An arm token as handed out by `request`: 256 random bits as 64 lowercase hex characters. */
export const armTokenSchema = z
  .string(requiredField)
  .regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters');

/**
 * Why an arming verb was refused; each comes with a human sentence. `OPERATOR_*`: the operator a bus
 * request names is not in `auth.operators`, is disabled, or does not hold the operator role.
 */
export const armingErrorCodeSchema = z
  .enum(
    [
      'TOKEN_MISSING',
      'TOKEN_MALFORMED',
      'TOKEN_UNKNOWN',
      'TOKEN_EXPIRED',
      'TOKEN_USED',
      'TOKEN_OTHER_OPERATOR',
      'WRONG_PHRASE',
      'ALREADY_LIVE',
      'HALTED',
      'NOT_LIVE',
      'NOT_HALTED',
      'RECONCILE_PENDING',
      'SECOND_OPERATOR_REQUIRED',
      'RATE_LIMITED',
      'NOT_AUTHORIZED',
      'INVALID_REQUEST',
      'OPERATOR_UNKNOWN',
      'OPERATOR_DISABLED',
      'OPERATOR_NOT_ALLOWED',
    ],
    requiredField,
  )
  .meta({ id: 'ArmingErrorCode' });
export const ArmingErrorCode = armingErrorCodeSchema.enum;
export type ArmingErrorCode = z.infer<typeof armingErrorCodeSchema>;

/** A refused arming verb: the code and one human sentence (never the token). */
export const armingErrorSchema = z
  .object({ code: armingErrorCodeSchema, message: humanText })
  .meta({ id: 'ArmingError' });
export type ArmingError = z.infer<typeof armingErrorSchema>;

/**
 * The reply envelope of every `arming.<verb>`: `{ ok: true, result }` or `{ ok: false, error: { code, message } }`.
 * A refusal is a value, never a transport error.
 */
export function armingReply<R extends z.ZodType>(result: R) {
  return z.discriminatedUnion(
    'ok',
    [
      z.object({ ok: z.literal(true), result }),
      z.object({ ok: z.literal(false), error: armingErrorSchema }),
    ],
    { error: 'must be true (with result) or false (with error)' },
  );
}

/** `status`: no arguments. */
export const armingStatusRequestSchema = z.object({}).meta({ id: 'ArmingStatusRequest' });
/** `request`: the operator asks to arm live, with a reason. Answered with a single-use token. */
export const armRequestSchema = z
  .strictObject({ operator: operatorName, reason: humanText })
  .meta({ id: 'ArmRequest' });
/**
 * `confirm`: the same operator returns the token and the typed phrase ({@link ARM_PHRASE}) within its TTL.
 * `token` is deliberately loose (any string up to 200 characters, or absent) so the arming service can
 * refuse a missing or malformed token with its own code (`TOKEN_MISSING`, `TOKEN_MALFORMED`) and an
 * audit row; the service checks the format with {@link armTokenSchema}.
 */
export const armConfirmSchema = z
  .strictObject({
    operator: operatorName,
    token: z.string().max(200, 'must be at most 200 characters').optional(),
    confirmation: z.string(requiredField).max(100, 'must be at most 100 characters'),
  })
  .meta({ id: 'ArmConfirm' });
/** `disarm`: end the live session, back to `PAPER`. */
export const disarmRequestSchema = z
  .strictObject({ operator: operatorName, reason: humanText.optional() })
  .meta({ id: 'DisarmRequest' });
/** `kill`: latch `HALTED` and cancel open live orders. */
export const killRequestSchema = z
  .strictObject({ operator: operatorName, reason: humanText })
  .meta({ id: 'KillRequest' });
/** `release`: leave `HALTED` for `PAPER`. */
export const releaseRequestSchema = z
  .strictObject({ operator: operatorName, reason: humanText })
  .meta({ id: 'ReleaseRequest' });

/** The answer to `request`: the token (shown once, only its hash is stored) and when it expires. */
export const armTokenIssuedSchema = z
  .object({ token: armTokenSchema, expiresAt: isoDateTime })
  .meta({ id: 'ArmTokenIssued' });
export type ArmTokenIssued = z.infer<typeof armTokenIssuedSchema>;

function verb<Q extends z.ZodType, R extends z.ZodType>(request: Q, result: R, replyId: string) {
  return { request, result, reply: armingReply(result).meta({ id: replyId }) };
}

/** Per verb: the request schema, the result schema and the reply envelope (for `bus.request` / `bus.serve`). */
export const armingSchemas = {
  status: verb(armingStatusRequestSchema, modeSnapshotSchema, 'ArmingStatusReply'),
  request: verb(armRequestSchema, armTokenIssuedSchema, 'ArmingRequestReply'),
  confirm: verb(armConfirmSchema, modeSnapshotSchema, 'ArmingConfirmReply'),
  disarm: verb(disarmRequestSchema, modeSnapshotSchema, 'ArmingDisarmReply'),
  kill: verb(killRequestSchema, modeSnapshotSchema, 'ArmingKillReply'),
  release: verb(releaseRequestSchema, modeSnapshotSchema, 'ArmingReleaseReply'),
} satisfies Record<ArmingVerb, { request: z.ZodType; result: z.ZodType; reply: z.ZodType }>;

type Schemas = typeof armingSchemas;
export type ArmingRequest<V extends ArmingVerb> = z.infer<Schemas[V]['request']>;
export type ArmingResult<V extends ArmingVerb> = z.infer<Schemas[V]['result']>;
export type ArmingReply<V extends ArmingVerb> = z.infer<Schemas[V]['reply']>;
