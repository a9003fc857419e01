import { describe, expect, it } from 'vitest';
import { parseResult } from './issues.js';
import { reconcileCompletedSchema, reconcileRequestSchema } from './reconcile.js';

const issues = (schema: Parameters<typeof parseResult>[0], value: unknown) => {
  const result = parseResult(schema, value);
  return result.ok ? [] : result.issues;
};

const run = {
  runId: 'run-7',
  trigger: 'startup',
  venue: 'live',
  startedAt: '2026-01-31T12:00:00.000Z',
  finishedAt: '2026-01-31T12:00:01.250Z',
  durationMs: 1250,
  rowsChecked: 12,
  rowsChanged: { 'UNKNOWN->NOT_PLACED': 1, 'NEW->FILLED': 2 },
  fillsAdded: 3,
  externalOrders: 0,
  unresolved: 0,
  errors: [],
};

describe('reconcileRequestSchema', () => {
  it('accepts a request with or without a venue', () => {
    expect(
      issues(reconcileRequestSchema, {
        requestId: 'r1',
        trigger: 'operator',
        venue: 'live',
        requestedBy: 'alice',
        at: run.startedAt,
      }),
    ).toEqual([]);
    expect(
      issues(reconcileRequestSchema, {
        requestId: 'r1',
        trigger: 'execution-start',
        at: run.startedAt,
      }),
    ).toEqual([]);
  });

  it('refuses an unknown trigger or venue', () => {
    expect(
      issues(reconcileRequestSchema, {
        requestId: 'r1',
        trigger: 'cron',
        venue: 'testnet',
        at: run.startedAt,
      }),
    ).toEqual([
      'trigger: Invalid option: expected one of "startup"|"request"|"interval"|"execution-start"|"operator"',
      'venue: Invalid option: expected one of "paper"|"live"',
    ]);
  });
});

describe('reconcileCompletedSchema', () => {
  it('accepts a run report with transitions and errors', () => {
    const withErrors = {
      ...run,
      requestId: 'r1',
      unresolved: 1,
      errors: [{ code: 'LOOKUP_FAILED', message: 'getOrder timed out.' }],
    };
    expect(reconcileCompletedSchema.parse(withErrors)).toEqual(withErrors);
  });

  it('refuses a transition key that is not two order states', () => {
    expect(
      issues(reconcileCompletedSchema, {
        ...run,
        rowsChanged: { 'NEW->DONE': 1, 'NEW->FILLED': -1 },
      }),
    ).toEqual([
      'rowsChanged.NEW->DONE: key must be "FROM->TO" with two order states',
      'rowsChanged.NEW->FILLED: must not be negative',
    ]);
  });

  it('refuses a run that finishes before it starts, and fractional counts', () => {
    expect(
      issues(reconcileCompletedSchema, { ...run, finishedAt: '2026-01-31T11:59:59Z' }),
    ).toEqual(['finishedAt: must not be before startedAt']);
    expect(issues(reconcileCompletedSchema, { ...run, fillsAdded: 1.5 })).toEqual([
      'fillsAdded: Invalid input: expected int, received number',
    ]);
  });

  it('says which counts are missing', () => {
    const { unresolved: _u, errors: _e, ...partial } = run;
    expect(issues(reconcileCompletedSchema, partial)).toEqual([
      'unresolved: required',
      'errors: required',
    ]);
    expect(issues(reconcileCompletedSchema, { ...run, rowsChanged: undefined })).toEqual([
      'rowsChanged: required',
    ]);
  });
});
