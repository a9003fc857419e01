import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** An admin error answer: `{ error: { code, message, details? } }`. */
export function adminError(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  details?: string[],
): Response {
  return c.json(
    { error: { code, message, ...(details === undefined ? {} : { details }) } },
    status,
  );
}

/** Parses the JSON body with `schema`; an error answer when it is not JSON or does not fit. */
export async function parseBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<{ ok: true; value: z.output<S> } | { ok: false; response: Response }> {
  let raw: unknown;
  try {
    const text = await c.req.text();
    raw = text === '' ? {} : JSON.parse(text);
  } catch {
    return { ok: false, response: adminError(c, 400, 'INVALID_JSON', 'the body is not JSON') };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return {
      ok: false,
      response: adminError(c, 400, 'INVALID_BODY', 'the body does not match the schema', details),
    };
  }
  return { ok: true, value: parsed.data };
}
