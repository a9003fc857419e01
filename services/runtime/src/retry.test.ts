import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { retryUntilReady } from './retry.js';

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

class Late extends Error {
  readonly transient = true;
}

/** An attempt that fails with the given errors in turn, then answers `value`. */
function failingThen<T>(errors: unknown[], value: T) {
  let calls = 0;
  return {
    attempt: async () => {
      const err = errors[calls];
      calls += 1;
      if (err !== undefined) throw err;
      return value;
    },
    calls: () => calls,
  };
}

/** A sleep that records each wait and returns at once: no real time passes. */
function recordedSleep() {
  const waits: number[] = [];
  return { sleep: async (ms: number) => void waits.push(ms), waits };
}

const isTransient = (err: unknown) => err instanceof Late;
const policy = { initialMs: 100, maxMs: 400 };

describe('retryUntilReady', () => {
  it('answers the first success at once, logging nothing', async () => {
    const { logger, lines } = captureLogger();
    const clock = recordedSleep();
    const value = await retryUntilReady({
      what: 'PostgreSQL',
      attempt: async () => 'db',
      isTransient,
      policy,
      logger,
      sleep: clock.sleep,
    });
    expect(value).toBe('db');
    expect([lines, clock.waits]).toEqual([[], []]);
  });

  it('retries a late dependency with doubling, capped waits, one warning per failure, then says it is reachable', async () => {
    const { logger, lines } = captureLogger();
    const clock = recordedSleep();
    const errors = [1, 2, 3, 4].map((n) => new Late(`NATS_URL nats://x: connection refused ${n}`));
    const dep = failingThen(errors, 'bus');
    const value = await retryUntilReady({
      what: 'NATS',
      ...dep,
      isTransient,
      policy,
      logger,
      sleep: clock.sleep,
    });
    expect(value).toBe('bus');
    expect(dep.calls()).toBe(5);
    expect(clock.waits).toEqual([100, 200, 400, 400]);
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [40, 'NATS not reachable (NATS_URL nats://x: connection refused 1); retry 1 in 100 ms'],
      [40, 'NATS not reachable (NATS_URL nats://x: connection refused 2); retry 2 in 200 ms'],
      [40, 'NATS not reachable (NATS_URL nats://x: connection refused 3); retry 3 in 400 ms'],
      [40, 'NATS not reachable (NATS_URL nats://x: connection refused 4); retry 4 in 400 ms'],
      [30, 'NATS reachable after 5 attempts'],
    ]);
    expect(lines[0]).toMatchObject({
      dependency: 'NATS',
      retry: 1,
      delayMs: 100,
      reason: 'NATS_URL nats://x: connection refused 1',
    });
    expect(lines[4]).toMatchObject({ dependency: 'NATS', attempts: 5 });
  });

  it('jitters the waits with the random source it is given', async () => {
    const { logger } = captureLogger();
    const clock = recordedSleep();
    await retryUntilReady({
      what: 'NATS',
      ...failingThen([new Late('a'), new Late('b')], 1),
      isTransient,
      policy: { ...policy, jitter: 0.5 },
      logger,
      sleep: clock.sleep,
      random: () => 0.5,
    });
    expect(clock.waits).toEqual([75, 150]);
  });

  it('throws a failure retrying cannot fix at once, whatever came before', async () => {
    const { logger, lines } = captureLogger();
    const clock = recordedSleep();
    const fatal = new Error('NATS_URL nats://x: authorization failed (check the credentials)');
    const dep = failingThen([new Late('late'), fatal], 'never');
    await expect(
      retryUntilReady({ what: 'NATS', ...dep, isTransient, policy, logger, sleep: clock.sleep }),
    ).rejects.toBe(fatal);
    expect(dep.calls()).toBe(2);
    expect(clock.waits).toEqual([100]);
    expect(lines).toHaveLength(1);
  });

  it('names a thrown non-Error by its string', async () => {
    const { logger, lines } = captureLogger();
    const clock = recordedSleep();
    await retryUntilReady({
      what: 'X',
      ...failingThen(['plain string'], 0),
      isTransient: () => true,
      policy,
      logger,
      sleep: clock.sleep,
    });
    expect(lines[0]?.msg).toBe('X not reachable (plain string); retry 1 in 100 ms');
  });

  it('waits for real by default', async () => {
    const { logger } = captureLogger();
    const started = performance.now();
    await retryUntilReady({
      what: 'X',
      ...failingThen([new Late('late')], 0),
      isTransient,
      policy: { initialMs: 20, maxMs: 20 },
      logger,
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
  });
});
