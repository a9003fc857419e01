/** Where `pnpm db:migrate` and the services look when DATABASE_URL is unset (local trust auth). */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/livegate';

export type DatabaseUrlCheck =
  | { readonly ok: true; readonly display: string }
  | { readonly ok: false; readonly display: string; readonly problem: string };

const PROTOCOLS = new Set(['postgres:', 'postgresql:']);

/** The URL with any password masked, safe for logs and error messages. */
export function redactDatabaseUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return raw.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
  }
}

/** Decides whether `raw` is a connection string pg can use, without connecting. */
export function checkDatabaseUrl(raw: string): DatabaseUrlCheck {
  const display = redactDatabaseUrl(raw);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return {
      ok: false,
      display,
      problem: 'not a valid URL (expected postgres://user@host:port/database)',
    };
  }
  if (!PROTOCOLS.has(url.protocol)) {
    return {
      ok: false,
      display,
      problem: `scheme "${url.protocol}" is not postgres:// or postgresql://`,
    };
  }
  if (url.hostname === '' && !url.searchParams.has('host')) {
    return { ok: false, display, problem: 'no host (expected postgres://user@host:port/database)' };
  }
  return { ok: true, display };
}
