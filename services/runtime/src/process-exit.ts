import type { Logger } from './logger.js';

/** What the start-up helpers do to the process; tests pass their own. */
export interface ProcessPort {
  exit(code: number): never;
  /** One line on stderr (written synchronously, so it is not lost to an exit right after). */
  errorLine(line: string): void;
  onceSignal(signal: NodeJS.Signals, listener: () => void): void;
}

export const nodeProcess: ProcessPort = {
  exit: (code) => process.exit(code),
  errorLine: (line) => {
    process.stderr.write(`${line}\n`);
  },
  onceSignal: (signal, listener) => {
    process.once(signal, listener);
  },
};

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The service's config, or the process ends: one line `<service>: <why>` on stderr, exit code 1. */
export function loadConfigOrExit<C>(service: string, load: () => C, io = nodeProcess): C {
  try {
    return load();
  } catch (err) {
    io.errorLine(`${service}: ${messageOf(err)}`);
    return io.exit(1);
  }
}

export interface StartOrExitProps {
  readonly service: string;
  readonly logger: Logger;
  readonly io?: ProcessPort;
}

/**
 * Runs the service's start-up. If it fails, the process ends: a fatal log line, one line
 * `<service>: <why>` on stderr (e.g. which DATABASE_URL could not be reached), exit code 1.
 */
export async function startOrExit(
  { service, logger, io = nodeProcess }: StartOrExitProps,
  start: () => Promise<void>,
): Promise<void> {
  try {
    await start();
  } catch (err) {
    logger.fatal({ err }, `${service} failed to start`);
    io.errorLine(`${service}: ${messageOf(err)}`);
    io.exit(1);
  }
}

export interface StopOnSignalsProps {
  readonly logger: Logger;
  /** Stops the service and closes what it holds (bus, venues, database). */
  readonly stop: () => Promise<void>;
  readonly io?: ProcessPort;
}

/** On the first SIGINT or SIGTERM: logs `stopping`, runs `stop`, exits 0. A second signal is ignored. */
export function stopOnSignals({ logger, stop, io = nodeProcess }: StopOnSignalsProps): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    io.onceSignal(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stopping');
      void (async () => {
        await stop();
        io.exit(0);
      })();
    });
  }
}
