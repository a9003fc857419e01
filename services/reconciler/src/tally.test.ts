import { reconcileCompletedSchema } from '@livegate/contracts';
import { describe, expect, it } from 'vitest';
import { T0 } from '../test/fixtures.js';
import {
  addError,
  buildReport,
  countChange,
  createTally,
  gateUnresolved,
  MAX_REPORTED_ERRORS,
} from './tally.js';

const job = { trigger: 'request' as const, requestIds: ['r-1', 'r-2'], allSymbols: false };

describe('tally - report', () => {
  it('counts changes per transition and builds a valid reconcile.completed', () => {
    const tally = createTally();
    tally.rowsChecked = 3;
    countChange(tally, 'NEW', 'FILLED');
    countChange(tally, 'NEW', 'FILLED');
    countChange(tally, 'UNKNOWN', 'NOT_PLACED');
    tally.fillsAdded = 4;
    const report = buildReport({
      runId: 'run-1',
      venue: 'live',
      job,
      startedAt: T0,
      finishedAt: T0 + 250,
      tally,
    });
    expect(reconcileCompletedSchema.parse(report)).toEqual({
      runId: 'run-1',
      requestId: 'r-1',
      trigger: 'request',
      venue: 'live',
      startedAt: '2026-03-02T09:00:00.000Z',
      finishedAt: '2026-03-02T09:00:00.250Z',
      durationMs: 250,
      rowsChecked: 3,
      rowsChanged: { 'NEW->FILLED': 2, 'UNKNOWN->NOT_PLACED': 1 },
      fillsAdded: 4,
      externalOrders: 0,
      unresolved: 0,
      errors: [],
    });
  });

  it('leaves requestId out when no request asked for the run', () => {
    const report = buildReport({
      runId: 'run-2',
      venue: 'paper',
      job: { trigger: 'interval', requestIds: [], allSymbols: false },
      startedAt: T0,
      finishedAt: T0,
      tally: createTally(),
    });
    expect('requestId' in report).toBe(false);
  });

  it('lists at most MAX_REPORTED_ERRORS errors, the last one saying how many more there were', () => {
    const tally = createTally();
    for (let i = 0; i < MAX_REPORTED_ERRORS + 5; i += 1) {
      addError(tally, { code: 'VENUE_REJECTED', message: `error ${i}` });
    }
    const { errors } = buildReport({
      runId: 'r',
      venue: 'paper',
      job,
      startedAt: T0,
      finishedAt: T0,
      tally,
    });
    expect(errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(errors.at(-2)?.message).toBe(`error ${MAX_REPORTED_ERRORS - 2}`);
    expect(errors.at(-1)).toEqual({
      code: 'INTERNAL',
      message: '6 more errors of this run are not listed here; see the reconciler log.',
    });
  });
});

describe('tally - gate', () => {
  it('keeps the gate closed while rows are unresolved or the run had errors', () => {
    expect(gateUnresolved({ unresolved: 0, errors: [] })).toBe(0);
    expect(gateUnresolved({ unresolved: 3, errors: [] })).toBe(3);
    expect(
      gateUnresolved({ unresolved: 0, errors: [{ code: 'RATE_LIMITED', message: 'x' }] }),
    ).toBe(1);
  });
});
