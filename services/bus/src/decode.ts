import { parseResult, type ParseResult } from '@livegate/contracts';
import type { z } from 'zod';

/** A message that failed to parse, as handed to `onInvalid`. */
export interface InvalidMessage {
  readonly subject: string;
  /** The raw payload as text (never parsed further). */
  readonly data: string;
  /** One readable line per problem (contracts' `formatIssues`), e.g. `quantity: Invalid input`. */
  readonly issues: string[];
}

/** Parses JSON text then validates it; text that is not JSON is an issue like any other. */
export function decode<S extends z.ZodType>(schema: S, text: string): ParseResult<z.output<S>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, issues: [`not JSON: ${(err as Error).message}`] };
  }
  return parseResult(schema, value);
}
