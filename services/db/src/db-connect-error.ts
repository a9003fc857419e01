export type DbConnectErrorCode =
  | 'BAD_URL'
  | 'CONNECTION_REFUSED'
  | 'HOST_NOT_FOUND'
  | 'TIMEOUT'
  | 'AUTH_FAILED'
  | 'UNKNOWN_DATABASE'
  | 'CONNECT_FAILED';

/** Failures no wait can fix: the URL or the login is wrong (a configuration error). */
const PERMANENT_CODES: ReadonlySet<DbConnectErrorCode> = new Set(['BAD_URL', 'AUTH_FAILED']);

/** Postgres could not be reached; the message is one line: `DATABASE_URL <url>: <what failed>`. */
export class DbConnectError extends Error {
  override readonly name = 'DbConnectError';
  constructor(
    readonly code: DbConnectErrorCode,
    readonly url: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`DATABASE_URL ${url}: ${reason}`, options);
  }
}

/**
 * Whether a later attempt may succeed: the server or the database is not there yet (refused, timed
 * out, host unknown, database missing, anything unclassified). False for a malformed URL, a refused
 * login and anything that is not a DbConnectError.
 */
export function isTransientDbError(err: unknown): boolean {
  return err instanceof DbConnectError && !PERMANENT_CODES.has(err.code);
}

interface ErrorLike {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly errors?: unknown;
}

const AUTH_SQLSTATES = new Set(['28000', '28P01']);

function firstLine(text: string): string {
  return text.replace(/\n[\s\S]*$/, '');
}

function asErrorLike(err: unknown): ErrorLike {
  return typeof err === 'object' && err !== null ? (err as ErrorLike) : { message: String(err) };
}

/** Sorts a pg/socket failure into a code and a one-line reason a human can act on. */
export function describeConnectFailure(err: unknown): { code: DbConnectErrorCode; reason: string } {
  const e = asErrorLike(err);
  const inner = Array.isArray(e.errors) && e.errors.length > 0 ? asErrorLike(e.errors[0]) : e;
  const code = typeof inner.code === 'string' ? inner.code : '';
  const message = firstLine(typeof inner.message === 'string' ? inner.message : '');
  if (code === 'ECONNREFUSED')
    return {
      code: 'CONNECTION_REFUSED',
      reason: 'connection refused (is PostgreSQL running there?)',
    };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { code: 'HOST_NOT_FOUND', reason: `host not found (${message})` };
  if (code === 'ETIMEDOUT' || /timeout/i.test(message))
    return { code: 'TIMEOUT', reason: 'connection timed out' };
  if (AUTH_SQLSTATES.has(code))
    return { code: 'AUTH_FAILED', reason: `authentication failed: ${message}` };
  if (code === '3D000')
    return { code: 'UNKNOWN_DATABASE', reason: `unknown database: ${message} (create it first)` };
  return { code: 'CONNECT_FAILED', reason: message === '' ? 'connection failed' : message };
}
