import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@livegate/runtime';
import { useNats, waitForNats, type TestNats } from '@livegate/test-harness';
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

/** A private nats-server on `port` (so a test can stop and restart it), JetStream optional. */
export async function startPrivateNats({ port, jetStream }: { port: number; jetStream: boolean }) {
  const storeDir = await mkdtemp(join(tmpdir(), 'livegate-bus-'));
  const args = [
    '-a',
    '127.0.0.1',
    '-p',
    String(port),
    ...(jetStream ? ['-js', '-sd', storeDir] : []),
  ];
  const child = spawn('nats-server', args, { stdio: 'ignore' });
  const url = `nats://127.0.0.1:${port}`;
  await waitForNats(url);
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(storeDir, { recursive: true, force: true });
    },
  };
}
