import type { z } from 'zod';

/** A message that failed to parse, as handed to `onInvalid`. */
export interface InvalidMessage {
  readonly subject: string;
  /** The raw payload as text (never parsed further). */
  readonly data: string;
  /** One readable line per problem, e.g. `quantity: Invalid input`. */
  readonly issues: string[];
}

export type Decoded<S extends z.ZodType> =
  | { readonly ok: true; readonly value: z.output<S> }
  | { readonly ok: false; readonly issues: string[] };

/** `path: message` lines for a zod error; the root is named `(root)`. */
export function issueLines(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
}

/** Validates an outgoing value. */
export function check<S extends z.ZodType>(schema: S, value: unknown): Decoded<S> {
  const result = schema.safeParse(value);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: issueLines(result.error) };
}

/** Parses JSON text then validates it; bad JSON is an issue like any other. */
export function decode<S extends z.ZodType>(schema: S, text: string): Decoded<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, issues: [`(root): not JSON: ${(err as Error).message}`] };
  }
  return check(schema, value);
}
