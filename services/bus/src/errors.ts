/** Codes every bus failure carries, so callers branch on `code`, not on message text. */
export type BusErrorCode =
  'CONNECT_FAILED' | 'INVALID_MESSAGE' | 'TIMEOUT' | 'NO_RESPONDERS' | 'PERMISSION_DENIED';

/** Base of every error the bus throws: a code plus one human sentence. */
export abstract class BusError extends Error {
  abstract readonly code: BusErrorCode;
}

/** The first connection to NATS failed; the message is one line naming `NATS_URL` and the cause. */
export class BusConnectError extends BusError {
  override readonly name = 'BusConnectError';
  readonly code = 'CONNECT_FAILED';
  /** Whether a later attempt may succeed (the server is not there yet), not a configuration error. */
  readonly transient: boolean;
  constructor(message: string, options?: ErrorOptions & { readonly transient?: boolean }) {
    super(message, options);
    this.transient = options?.transient ?? false;
  }
}

/** A message did not match its schema (outgoing: nothing was sent; incoming: it was not handled). */
export class BusValidationError extends BusError {
  override readonly name = 'BusValidationError';
  readonly code = 'INVALID_MESSAGE';
  constructor(
    readonly subject: string,
    readonly issues: readonly string[],
  ) {
    super(`invalid message on ${subject}: ${issues.join('; ')}`);
  }
}

/** A request got no reply within its timeout. */
export class BusTimeoutError extends BusError {
  override readonly name = 'BusTimeoutError';
  readonly code = 'TIMEOUT';
  constructor(
    readonly subject: string,
    readonly timeoutMs: number,
    options?: ErrorOptions,
  ) {
    super(`no reply on ${subject} within ${timeoutMs} ms`, options);
  }
}

/** Nobody listens on the subject (no service for a request, no stream for a publish). */
export class BusNoRespondersError extends BusError {
  override readonly name = 'BusNoRespondersError';
  readonly code = 'NO_RESPONDERS';
  constructor(
    readonly subject: string,
    what: string,
    options?: ErrorOptions,
  ) {
    super(`no ${what} answers on ${subject}`, options);
  }
}

/** The server refused this user the subject (NATS permissions): nothing was published or asked. */
export class BusPermissionError extends BusError {
  override readonly name = 'BusPermissionError';
  readonly code = 'PERMISSION_DENIED';
  constructor(
    readonly subject: string,
    options?: ErrorOptions,
  ) {
    super(`not allowed to publish on ${subject} (NATS permissions of this user)`, options);
  }
}

/** Whether nats.js failed a publish or request because the server refused the subject. */
export function isPermissionViolation(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith('Permissions Violation');
}
