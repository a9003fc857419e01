import { errors, fail, ok, type Outcome } from './errors.js';

/** Request parameters merged from the query string and a form body (query wins, as on Binance). */
export type Params = ReadonlyMap<string, string>;

/** Decodes one `a=1&b=2` source; a name sent twice in the same source is -1101. */
function decodeSource(raw: string): Outcome<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(raw)) {
    if (out.has(name)) return fail(errors.duplicateParams());
    out.set(name, value);
  }
  return ok(out);
}

export function parseParams(rawQuery: string, rawBody: string): Outcome<Params> {
  const query = decodeSource(rawQuery);
  if (!query.ok) return query;
  const body = decodeSource(rawBody);
  if (!body.ok) return body;
  return ok(new Map([...body.value, ...query.value]));
}

/** The raw query string of a URL (without `?`), exactly as sent. */
export function rawQueryOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? '' : url.slice(q + 1);
}
