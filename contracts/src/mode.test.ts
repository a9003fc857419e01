import { describe, expect, it } from 'vitest';
import { parseResult } from './issues.js';
import { modeChangedSchema, modeSnapshotSchema, TradingMode } from './mode.js';

const session = {
  id: 'sess-1',
  operator: 'alice@example.com',
  startedAt: '2026-01-31T12:00:00Z',
  expiresAt: '2026-01-31T16:00:00Z',
};
const issues = (schema: Parameters<typeof parseResult>[0], value: unknown) => {
  const result = parseResult(schema, value);
  return result.ok ? [] : result.issues;
};

describe('modeSnapshotSchema', () => {
  it('accepts paper, live with its session, and halted with who and why', () => {
    expect(
      issues(modeSnapshotSchema, { mode: 'PAPER', version: 0, reconcileBlocked: false }),
    ).toEqual([]);
    expect(
      issues(modeSnapshotSchema, { mode: 'LIVE', version: 3, session, reconcileBlocked: false }),
    ).toEqual([]);
    expect(
      issues(modeSnapshotSchema, {
        mode: 'HALTED',
        version: 4,
        haltedBy: 'bob',
        haltReason: 'Runaway strategy.',
        reconcileBlocked: true,
      }),
    ).toEqual([]);
    expect(TradingMode.HALTED).toBe('HALTED');
  });

  it('refuses LIVE without a session', () => {
    expect(
      issues(modeSnapshotSchema, { mode: 'LIVE', version: 1, reconcileBlocked: false }),
    ).toEqual(['session: required when mode is LIVE']);
  });

  it('refuses a session that ends before it starts, and bad basics', () => {
    expect(
      issues(modeSnapshotSchema, {
        mode: 'ARMED',
        version: -1,
        session: { ...session, expiresAt: session.startedAt },
      }),
    ).toEqual([
      'mode: Invalid option: expected one of "PAPER"|"LIVE"|"HALTED"',
      'version: must not be negative',
      'session.expiresAt: must be after startedAt',
      'reconcileBlocked: required',
    ]);
  });
});

describe('modeChangedSchema', () => {
  const change = {
    mode: 'LIVE',
    previousMode: 'PAPER',
    version: 2,
    operator: 'alice',
    reason: 'Go live for the BTC strategy.',
    sessionId: 'sess-1',
    expiresAt: session.expiresAt,
    at: session.startedAt,
  };

  it('accepts a change to live and an automatic disarm', () => {
    expect(issues(modeChangedSchema, change)).toEqual([]);
    expect(
      issues(modeChangedSchema, {
        mode: 'PAPER',
        previousMode: 'LIVE',
        version: 3,
        operator: 'system',
        reason: 'Session expired.',
        at: session.expiresAt,
      }),
    ).toEqual([]);
  });

  it('refuses a change to live without its session and expiry', () => {
    expect(
      issues(modeChangedSchema, { ...change, sessionId: undefined, expiresAt: undefined }),
    ).toEqual(['sessionId: required when mode is LIVE', 'expiresAt: required when mode is LIVE']);
  });

  it('refuses a blank reason and an unknown operator spelling', () => {
    expect(issues(modeChangedSchema, { ...change, reason: '   ', operator: '-x' })).toEqual([
      'operator: must be 1 to 64 characters of letters, digits, "_", ".", "@" or "-", starting with a letter or digit',
      'reason: must not be blank',
    ]);
    expect(issues(modeChangedSchema, { ...change, reason: 'x'.repeat(1001) })).toEqual([
      'reason: must be at most 1000 characters',
    ]);
  });
});
