import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from './logger.js';
import {
  loadConfigOrExit,
  nodeProcess,
  startOrExit,
  stopOnSignals,
  type ProcessPort,
} from './process-exit.js';

function fakeProcess() {
  const lines: string[] = [];
  const exits: number[] = [];
  const listeners = new Map<string, () => void>();
  const io: ProcessPort = {
    exit: ((code: number) => {
      exits.push(code);
    }) as ProcessPort['exit'],
    errorLine: (line) => lines.push(line),
    onceSignal: (signal, listener) => listeners.set(signal, listener),
  };
  const signal = (name: string) => {
    const listener = listeners.get(name);
    listeners.delete(name);
    listener?.();
  };
  return { io, lines, exits, listeners, signal };
}

function captureLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(JSON.parse(chunk.toString()));
      cb();
    },
  });
  return { logger: createLogger({ service: 'svc', destination }), lines };
}

describe('loadConfigOrExit', () => {
  it('hands back the config', () => {
    const p = fakeProcess();
    expect(loadConfigOrExit('svc', () => ({ port: 1 }), p.io)).toEqual({ port: 1 });
    expect([p.lines, p.exits]).toEqual([[], []]);
  });

  it('ends the process with one line naming the service and exit code 1', () => {
    const p = fakeProcess();
    loadConfigOrExit(
      'svc',
      () => {
        throw new Error('invalid configuration: PORT: required');
      },
      p.io,
    );
    loadConfigOrExit(
      'svc',
      () => {
        throw 'not an Error';
      },
      p.io,
    );
    expect(p.lines).toEqual(['svc: invalid configuration: PORT: required', 'svc: not an Error']);
    expect(p.exits).toEqual([1, 1]);
  });
});

describe('startOrExit', () => {
  it('runs the start-up and leaves the process alone when it succeeds', async () => {
    const p = fakeProcess();
    const { logger, lines } = captureLogger();
    let started = false;
    await startOrExit({ service: 'svc', logger, io: p.io }, async () => {
      started = true;
    });
    expect(started).toBe(true);
    expect([p.lines, p.exits, lines]).toEqual([[], [], []]);
  });

  it('logs a failed start-up as fatal, writes one line and exits 1', async () => {
    const p = fakeProcess();
    const { logger, lines } = captureLogger();
    await startOrExit({ service: 'svc', logger, io: p.io }, async () => {
      throw new Error('DATABASE_URL postgres://x: connection refused');
    });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 60,
        msg: 'svc failed to start',
        err: expect.objectContaining({ message: 'DATABASE_URL postgres://x: connection refused' }),
      }),
    ]);
    expect(p.lines).toEqual(['svc: DATABASE_URL postgres://x: connection refused']);
    expect(p.exits).toEqual([1]);
  });
});

describe('stopOnSignals', () => {
  it('stops on the first SIGINT or SIGTERM, exits 0 once stopped, and ignores a second signal', async () => {
    for (const [first, second] of [
      ['SIGTERM', 'SIGINT'],
      ['SIGINT', 'SIGTERM'],
    ] as const) {
      const p = fakeProcess();
      const { logger, lines } = captureLogger();
      let stops = 0;
      let finish = () => {};
      const stopped = new Promise<void>((resolve) => (finish = resolve));
      stopOnSignals({
        logger,
        io: p.io,
        stop: async () => {
          stops += 1;
          await stopped;
        },
      });
      expect([...p.listeners.keys()].sort()).toEqual(['SIGINT', 'SIGTERM']);
      p.signal(first);
      p.signal(second);
      expect(stops).toBe(1);
      expect(lines).toEqual([expect.objectContaining({ msg: 'stopping', signal: first })]);
      expect(p.exits).toEqual([]);
      finish();
      await vi.waitFor(() => expect(p.exits).toEqual([0]));
      expect(stops).toBe(1);
    }
  });
});

describe('nodeProcess', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('exits the process, writes stderr lines and listens for a signal once', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    nodeProcess.exit(3);
    nodeProcess.errorLine('svc: bad');
    expect(exit).toHaveBeenCalledWith(3);
    expect(write).toHaveBeenCalledWith('svc: bad\n');
    let heard = 0;
    nodeProcess.onceSignal('SIGUSR2', () => (heard += 1));
    process.emit('SIGUSR2', 'SIGUSR2');
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(heard).toBe(1);
  });
});
