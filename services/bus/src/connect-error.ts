import { BusConnectError } from './errors.js';

/** The URL with any `user:password@` replaced, so it can go into an error line or a log. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^/@]*@/g, '//***@');
}

/** What failed, and whether a later attempt may succeed (false: a configuration error). */
function cause(err: unknown, timeoutMs: number): { text: string; transient: boolean } {
  if (!(err instanceof Error)) return { text: String(err), transient: true };
  const code = (err as { code?: unknown }).code;
  if (err.name === 'TimeoutError')
    return { text: `timed out after ${timeoutMs} ms waiting for the server`, transient: true };
  if (code === 'ERR_INVALID_URL') return { text: 'not a valid URL', transient: false };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { text: `host not found (${err.message})`, transient: true };
  if (err.name === 'AuthorizationError')
    return { text: 'authorization failed (check the credentials)', transient: false };
  if (err.name === 'JetStreamNotEnabled')
    return {
      text: 'JetStream is not enabled on this server (start it with -js)',
      transient: false,
    };
  return { text: err.message, transient: true };
}

/** One line naming `NATS_URL` and what failed, e.g. `NATS_URL nats://127.0.0.1:1: connection refused`. */
export function connectError(url: string, err: unknown, timeoutMs: number): BusConnectError {
  const { text, transient } = cause(err, timeoutMs);
  const line = `NATS_URL ${redactUrl(url)}: ${text}`.replace(/\s*\n\s*/g, ' ');
  return new BusConnectError(line, { cause: err, transient });
}

/**
 * Whether a failed `connectBus` may succeed later: the server is not there yet (refused, timed out,
 * host unknown, anything unclassified). False for an empty or malformed URL, refused credentials, a
 * server without JetStream, and anything that is not a BusConnectError.
 */
export function isTransientBusError(err: unknown): boolean {
  return err instanceof BusConnectError && err.transient;
}
