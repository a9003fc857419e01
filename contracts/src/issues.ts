import type { z } from 'zod';

/**
 * One line per zod issue, `"field.path: message"` (array indices as numbers, e.g.
 * `"fills.0.price: must not have a sign"`); an issue about the whole value is just its message.
 */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
}

/** The outcome of {@link parseResult}: the parsed value, or readable issue lines. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: string[] };

/** Parses `value` with `schema` without throwing; failures come back as {@link formatIssues} lines. */
export function parseResult<S extends z.ZodType>(
  schema: S,
  value: unknown,
): ParseResult<z.output<S>> {
  const result = schema.safeParse(value);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: formatIssues(result.error) };
}
