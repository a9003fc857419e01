import { BusConnectError } from './errors.js';

/** The URL with any `user:password@` replaced, so it can go into an error line or a log. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^/@]*@/g, '//***@');
}

function cause(err: unknown, timeoutMs: number): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  if (err.name === 'TimeoutError') return `timed out after ${timeoutMs} ms waiting for the server`;
  if (code === 'ERR_INVALID_URL') return 'not a valid URL';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `host not found (${err.message})`;
  if (err.name === 'AuthorizationError') return 'authorization failed (check the credentials)';
  if (err.name === 'JetStreamNotEnabled')
    return 'JetStream is not enabled on this server (start it with -js)';
  return err.message;
}

/** One line naming `NATS_URL` and what failed, e.g. `NATS_URL nats://127.0.0.1:1: connection refused`. */
export function connectError(url: string, err: unknown, timeoutMs: number): BusConnectError {
  const line = `NATS_URL ${redactUrl(url)}: ${cause(err, timeoutMs)}`.replace(/\s*\n\s*/g, ' ');
  return new BusConnectError(line, { cause: err });
}
