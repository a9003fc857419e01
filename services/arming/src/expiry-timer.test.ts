import type { TradingStateRow } from '@livegate/db';
import { describe, expect, it } from 'vitest';
import { createExpiryTimer } from './expiry-timer.js';

const paper: TradingStateRow = {
  id: 1,
  mode: 'PAPER',
  session_id: null,
  expires_at: null,
  version: 0,
  halted_by: null,
  halt_reason: null,
  updated_at: new Date(),
};
const liveUntil = (expiresAt: Date): TradingStateRow => ({
  ...paper,
  mode: 'LIVE',
  session_id: 's1',
  expires_at: expiresAt,
});

/** A scripted `expire`: each call takes the next answer and is announced to the test. */
function script(answers: Array<TradingStateRow | Error>) {
  const calls: Date[] = [];
  let announce: () => void = () => {};
  return {
    calls,
    expire: async () => {
      calls.push(new Date());
      announce();
      const next = answers.shift();
      if (next === undefined) throw new Error('no more answers');
      if (next instanceof Error) throw next;
      return next;
    },
    /** Resolves once `expire` has been called `n` times in total, or fails after `ms`. */
    called(n: number, ms = 3_000): Promise<void> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expire called ${calls.length} times, wanted ${n}`)),
          ms,
        );
        announce = () => {
          if (calls.length >= n) {
            clearTimeout(timer);
            resolve();
          }
        };
        announce();
      });
    },
  };
}

function logs() {
  const lines: string[] = [];
  return {
    lines,
    logger: { error: (_obj: unknown, msg: string) => void lines.push(msg) } as never,
  };
}

describe('createExpiryTimer', () => {
  it('runs the check when the live session is due, then follows the state it returns', async () => {
    const s = script([paper]);
    const timer = createExpiryTimer({
      clock: { now: () => new Date() },
      ...logs(),
      expire: s.expire,
      retryMs: 10,
    });
    const due = new Date(Date.now() + 30);
    timer.follow(liveUntil(due));
    await s.called(1);
    expect(s.calls[0]!.getTime()).toBeGreaterThanOrEqual(due.getTime() - 5);
    timer.stop();
  });

  it('waits again when the clock does not yet see the session as due', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const expires = new Date(now.getTime() + 20);
    const s = script([liveUntil(expires), paper]);
    const timer = createExpiryTimer({
      clock: { now: () => now },
      ...logs(),
      expire: s.expire,
      retryMs: 10,
    });
    timer.follow(liveUntil(expires));
    await s.called(1);
    now = expires;
    await s.called(2);
    timer.stop();
  });

  it('fires at once for a session already past its expiry', async () => {
    const s = script([paper]);
    const timer = createExpiryTimer({
      clock: { now: () => new Date() },
      ...logs(),
      expire: s.expire,
      retryMs: 10,
    });
    timer.follow(liveUntil(new Date(Date.now() - 60_000)));
    await s.called(1, 500);
    timer.stop();
  });

  it('logs a failed check and retries it after retryMs', async () => {
    const s = script([new Error('db down'), paper]);
    const { lines, logger } = logs();
    const timer = createExpiryTimer({
      clock: { now: () => new Date() },
      logger,
      expire: s.expire,
      retryMs: 20,
    });
    timer.follow(liveUntil(new Date()));
    await s.called(2);
    expect(lines).toEqual(['session expiry check failed; retrying in 20 ms']);
    timer.stop();
  });

  it('does nothing for a state that is not LIVE, and nothing more once stopped', async () => {
    const s = script([new Error('db down'), paper]);
    const timer = createExpiryTimer({
      clock: { now: () => new Date() },
      ...logs(),
      expire: s.expire,
      retryMs: 20,
    });
    timer.follow(paper);
    timer.follow(liveUntil(new Date()));
    await s.called(1);
    timer.stop();
    timer.follow(liveUntil(new Date()));
    await expect(s.called(2, 200)).rejects.toThrow('expire called 1 times, wanted 2');
  });
});
