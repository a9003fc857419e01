import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@livegate/runtime';
import { useNats, type TestNats } from '@livegate/test-harness';
import { connectBus, type Bus } from '../src/index.js';

export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

export const WARN = 40;
export const ERROR = 50;

/** A debug-level logger whose lines the test can read and wait for. */
export function captureLogger() {
  const lines: LogLine[] = [];
  const waiters = new Set<() => void>();
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const text of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(text));
      for (const w of waiters) w();
      cb();
    },
  });
  const logger: Logger = createLogger({ service: 'bus-test', level: 'debug', destination });
  return {
    logger,
    lines,
    /** Resolves with the first line (already written or to come) matching `pred`. */
    waitFor(pred: (line: LogLine) => boolean, timeoutMs = 5_000): Promise<LogLine> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = lines.find(pred);
          if (hit === undefined) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching log line within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/** Polls `probe` until it returns true, failing after `timeoutMs`. */
export async function until(
  probe: () => Promise<boolean>,
  what: string,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A promise the test opens by hand. */
export function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open };
}

/** Values pushed by handlers, taken one at a time with a bounded wait. */
export function inbox<T>() {
  const items: T[] = [];
  const waiters: (() => void)[] = [];
  return {
    items,
    push(item: T) {
      items.push(item);
      waiters.splice(0).forEach((w) => w());
    },
    /** Waits until at least `count` items arrived. */
    async atLeast(count: number, timeoutMs = 5_000): Promise<T[]> {
      const deadline = Date.now() + timeoutMs;
      while (items.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} items, got ${items.length}`);
        await new Promise<void>((r) => {
          const t = setTimeout(r, left);
          waiters.push(() => {
            clearTimeout(t);
            r();
          });
        });
      }
      return items;
    },
  };
}

/** A fresh namespace on the shared test server, a connected bus and its streams. */
export async function busForTest(
  name: string,
): Promise<{ nats: TestNats; bus: Bus; log: ReturnType<typeof captureLogger> }> {
  const nats = useNats();
  const log = captureLogger();
  const bus = await connectBus({
    url: nats.url,
    name,
    logger: log.logger,
    namespace: nats.namespace,
  });
  await bus.ensureStreams();
  return { nats, bus, log };
}
