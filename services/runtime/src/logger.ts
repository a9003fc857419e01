import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { REDACT_PATHS } from './redact.js';

export type { Logger } from 'pino';

export interface LoggerProps {
  /** Every line carries `service`. */
  readonly service: string;
  readonly level?: LoggerOptions['level'];
  /** Pretty-print (a terminal in development); JSON otherwise. */
  readonly pretty?: boolean;
  /** Where lines go; tests pass a stream to read them back. */
  readonly destination?: DestinationStream;
}

/** A pino logger with the project's redaction list. */
export function createLogger({
  service,
  level = 'info',
  pretty = false,
  destination,
}: LoggerProps): Logger {
  const options: LoggerOptions = {
    level,
    base: { service },
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
  };
  if (destination !== undefined) return pino(options, destination);
  if (pretty) {
    return pino({
      ...options,
      transport: {
        target: 'pino-pretty',
        options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
      },
    });
  }
  return pino(options);
}
