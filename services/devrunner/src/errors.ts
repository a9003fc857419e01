export type DevRunnerErrorCode = 'NATS_UNAVAILABLE' | 'POSTGRES_UNAVAILABLE' | 'MIGRATION_FAILED';

/** A start-up failure the runner reports as its one fatal line. */
export class DevRunnerError extends Error {
  override readonly name = 'DevRunnerError';
  constructor(
    readonly code: DevRunnerErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The first line of an error's message, for one-line reports. */
export function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\n[\s\S]*$/, '');
}
