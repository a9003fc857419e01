import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@livegate/runtime';

export interface LogRecord {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

/** A real pino logger whose lines tests can read back. */
export function captureLogger(): {
  logger: Logger;
  records: LogRecord[];
  messages: () => string[];
} {
  const records: LogRecord[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      records.push(JSON.parse(chunk.toString()) as LogRecord);
      cb();
    },
  });
  const logger = createLogger({ service: 'devrunner-test', level: 'debug', destination });
  return { logger, records, messages: () => records.map((r) => r.msg) };
}
