import { z } from 'zod';

/**
 * Error option for a field that must be present: a missing value reads "required" instead of
 * zod's "expected string, received undefined"; any other failure keeps zod's own message.
 */
export const requiredField = {
  error: (issue: { readonly input?: unknown }) =>
    issue.input === undefined ? 'required' : undefined,
};

/** An ISO 8601 date-time with `Z` or a numeric offset, e.g. `2026-01-31T12:00:00.000Z`; no local times. */
export const isoDateTime = z.iso.datetime({
  offset: true,
  error: (issue) =>
    issue.input === undefined
      ? 'required'
      : 'must be an ISO 8601 date-time with offset, e.g. "2026-01-31T12:00:00.000Z"',
});

/** An identifier of 1..64 characters from `[A-Za-z0-9_-]`: safe as a NATS subject token and a DB key. */
export const idToken = z
  .string(requiredField)
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 characters of A-Z, a-z, 0-9, "_" or "-"');

/** Who acted: 1..64 characters from `[A-Za-z0-9_.@-]`, starting with a letter or digit (`system` for automatic actions). */
export const operatorName = z
  .string(requiredField)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/,
    'must be 1 to 64 characters of letters, digits, "_", ".", "@" or "-", starting with a letter or digit',
  );

/** A human sentence of 1..1000 characters that is not only whitespace (reasons, messages). */
export const humanText = z
  .string(requiredField)
  .max(1000, 'must be at most 1000 characters')
  .regex(/\S/, 'must not be blank');

/** A free-form key/value bag for machine-readable details. */
export const detailsRecord = z.record(z.string(), z.unknown(), requiredField);

/** A count: an integer >= 0. */
export const count = z.int(requiredField).nonnegative('must not be negative');
