import { describe, expect, it } from 'vitest';
import { liveIntakeOpen } from './live-gate.js';

const startedAt = Date.parse('2026-01-01T00:00:10Z');
const run = (venue: 'paper' | 'live', at: string) => ({ venue, startedAt: at });

describe('liveIntakeOpen', () => {
  it('is closed until a live reconcile that started after this instance completed', () => {
    expect(liveIntakeOpen({ startedAt, lastReconcileCompleted: undefined })).toBe(false);
    expect(
      liveIntakeOpen({
        startedAt,
        lastReconcileCompleted: run('live', '2026-01-01T00:00:09.999Z'),
      }),
    ).toBe(false);
    expect(
      liveIntakeOpen({ startedAt, lastReconcileCompleted: run('paper', '2026-01-01T00:00:11Z') }),
    ).toBe(false);
    expect(
      liveIntakeOpen({ startedAt, lastReconcileCompleted: run('live', '2026-01-01T00:00:10Z') }),
    ).toBe(true);
    expect(
      liveIntakeOpen({ startedAt, lastReconcileCompleted: run('live', '2026-01-01T00:01:00Z') }),
    ).toBe(true);
  });

  it('is open when the reconcile is not required', () => {
    expect(liveIntakeOpen({ startedAt, lastReconcileCompleted: undefined, required: false })).toBe(
      true,
    );
  });
});
