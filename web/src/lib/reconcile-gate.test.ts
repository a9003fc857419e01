import type { ReconcileCompleted } from '@livegate/contracts';
import { describe, expect, it } from 'vitest';
import { armingBlocked, keepNewest, reportBlocks } from './reconcile-gate.js';

const report = (
  venue: 'paper' | 'live',
  over: Partial<ReconcileCompleted> = {},
): ReconcileCompleted => ({
  runId: `${venue}-1`,
  trigger: 'interval',
  venue,
  startedAt: '2026-01-31T12:00:00.000Z',
  finishedAt: '2026-01-31T12:00:01.000Z',
  durationMs: 1000,
  rowsChecked: 0,
  rowsChanged: {},
  fillsAdded: 0,
  externalOrders: 0,
  unresolved: 0,
  errors: [],
  ...over,
});

describe('keepNewest', () => {
  it('keeps one report per venue, live first, the later one winning', () => {
    let reports = keepNewest([], report('paper'));
    reports = keepNewest(reports, report('live'));
    expect(reports.map((r) => r.venue)).toEqual(['live', 'paper']);
    const later = report('paper', { runId: 'p2', finishedAt: '2026-01-31T12:00:11.000Z' });
    reports = keepNewest(reports, later);
    expect(reports.map((r) => r.runId)).toEqual(['live-1', 'p2']);
    reports = keepNewest(reports, report('paper', { runId: 'p0' }));
    expect(reports.map((r) => r.runId)).toEqual(['live-1', 'p2']);
  });
});

describe('armingBlocked', () => {
  const clean = [report('live'), report('paper')];

  it('is false with clean reports and a snapshot that says allowed (or none yet)', () => {
    expect(armingBlocked({ snapshotBlocked: false, reports: clean, reportedSince: [] })).toBe(
      false,
    );
    expect(armingBlocked({ snapshotBlocked: undefined, reports: clean, reportedSince: [] })).toBe(
      false,
    );
  });

  it('is true while the live venue’s newest report left rows unresolved or ended with errors', () => {
    const unresolved = [report('live', { unresolved: 2 }), report('paper')];
    const errored = [report('live', { errors: [{ code: 'X', message: 'venue down' }] })];
    expect(reportBlocks(unresolved[0]!)).toBe(true);
    for (const reports of [unresolved, errored])
      expect(
        armingBlocked({ snapshotBlocked: false, reports, reportedSince: ['live', 'paper'] }),
      ).toBe(true);
  });

  it('does not block on the paper venue: paper orders in flight say nothing about the live account', () => {
    const paperBusy = [report('live'), report('paper', { unresolved: 3 })];
    expect(reportBlocks(paperBusy[1]!)).toBe(false);
    expect(
      armingBlocked({ snapshotBlocked: false, reports: paperBusy, reportedSince: ['live'] }),
    ).toBe(false);
  });

  it('a blocked snapshot holds until the live venue has reported since, then its report decides', () => {
    expect(armingBlocked({ snapshotBlocked: true, reports: clean, reportedSince: [] })).toBe(true);
    expect(armingBlocked({ snapshotBlocked: true, reports: clean, reportedSince: ['paper'] })).toBe(
      true,
    );
    expect(armingBlocked({ snapshotBlocked: true, reports: clean, reportedSince: ['live'] })).toBe(
      false,
    );
  });

  it('a blocked snapshot with no report known yet stays blocked', () => {
    expect(armingBlocked({ snapshotBlocked: true, reports: [], reportedSince: [] })).toBe(true);
  });
});
