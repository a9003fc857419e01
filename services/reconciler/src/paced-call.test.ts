import type { LookupOutcome, VenueOrder } from '@livegate/binance';
import { createLogger } from '@livegate/runtime';
import { describe, expect, it } from 'vitest';
import { createPacer } from './paced-call.js';
import { RunAborted } from './run-error.js';

const logger = createLogger({ service: 'reconciler-test', level: 'silent' });

/** Answers in order, recording the sleeps. */
function scripted(answers: Array<LookupOutcome<VenueOrder>>, maxPauseMs = 5_000) {
  const slept: number[] = [];
  const pacer = createPacer({
    maxPauseMs,
    logger,
    sleep: async (ms) => {
      slept.push(ms);
    },
  });
  let calls = 0;
  const request = async () => {
    calls += 1;
    return answers.shift() as LookupOutcome<VenueOrder>;
  };
  return { pacer, slept, request, calls: () => calls };
}

const limited = (retryAfterMs: number, banned = false) =>
  ({ kind: 'rate-limited', retryAfterMs, banned, message: '429' }) as const;

async function abortOf(p: Promise<unknown>): Promise<RunAborted> {
  const err = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(RunAborted);
  return err as RunAborted;
}

describe('paced-call', () => {
  it('hands back success, not-found and a refusal of the one request', async () => {
    const s = scripted([
      { kind: 'not-found', code: -2013, message: 'x' },
      { kind: 'rejected', source: 'venue', code: -1121, message: 'Invalid symbol.' },
    ]);
    expect((await s.pacer.call('getOrder', s.request)).kind).toBe('not-found');
    expect((await s.pacer.call('getOrder', s.request)).kind).toBe('rejected');
  });

  it('pauses for Retry-After and repeats the call while the budget lasts', async () => {
    const s = scripted([
      limited(1_000),
      limited(2_000),
      { kind: 'not-found', code: -2013, message: 'x' },
    ]);
    expect((await s.pacer.call('getOrder', s.request)).kind).toBe('not-found');
    expect(s.slept).toEqual([1_000, 2_000]);
    expect(s.pacer.pausedMs()).toBe(3_000);
    expect(s.calls()).toBe(3);
  });

  it('ends the run on a wait beyond the budget or an IP ban, without waiting', async () => {
    const s = scripted([
      limited(4_000),
      { kind: 'not-found', code: -2013, message: 'x' },
      limited(2_000),
      limited(1, true),
    ]);
    expect((await s.pacer.call('getOrder', s.request)).kind).toBe('not-found');
    const over = await abortOf(s.pacer.call('openOrders', s.request));
    expect(over.error.code).toBe('RATE_LIMITED');
    expect(over.message).toBe(
      'openOrders: the venue asks to wait 2000 ms, more than this run may still wait (1000 ms); the next run continues.',
    );
    const banned = await abortOf(s.pacer.call('myTrades', s.request));
    expect(banned.message).toContain('(IP banned)');
    expect(s.slept).toEqual([4_000]);
  });

  it('ends the run on an unknown answer or a config fault', async () => {
    const s = scripted([
      { kind: 'unknown', cause: 'network', message: 'ECONNREFUSED' },
      { kind: 'config-fault', code: -2015, message: 'Invalid API-key' },
    ]);
    const unknown = await abortOf(s.pacer.call('getOrder', s.request));
    expect(unknown.error).toEqual({
      code: 'VENUE_UNAVAILABLE',
      message: "getOrder: the venue's answer is unknown (network: ECONNREFUSED).",
    });
    const fault = await abortOf(s.pacer.call('getOrder', s.request));
    expect(fault.error).toEqual({
      code: 'VENUE_CONFIG_FAULT',
      message: 'getOrder: the venue refused our configuration (-2015: Invalid API-key).',
    });
  });
});
