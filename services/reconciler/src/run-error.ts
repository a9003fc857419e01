/** Why part of a run could not be done; any error leaves the reconcile gate closed. */
export type RunErrorCode =
  | 'RATE_LIMITED'
  | 'VENUE_UNAVAILABLE'
  | 'VENUE_CONFIG_FAULT'
  | 'VENUE_REJECTED'
  | 'ORDER_NOT_FOUND'
  | 'FILLS_INCOMPLETE'
  | 'ROW_WRITE_FAILED'
  | 'PUBLISH_FAILED'
  | 'CANCEL_FAILED'
  | 'INTERNAL';

export interface RunError {
  readonly code: RunErrorCode;
  readonly message: string;
}

/** Thrown inside a run when the venue cannot be worked with any more: the run ends with `error`. */
export class RunAborted extends Error {
  override readonly name = 'RunAborted';
  constructor(readonly error: RunError) {
    super(error.message);
  }
}

/** One line for an unexpected failure, without a stack. */
export function describeFailure(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const line = text.replace(/\n[\s\S]*$/, '').trim();
  return (line === '' ? 'unexpected failure' : line).slice(0, 500);
}
