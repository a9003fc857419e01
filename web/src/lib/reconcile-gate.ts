import type { ReconcileCompleted } from '@livegate/contracts';

/** Live first (it is the venue that decides whether arming is allowed), then by name. */
const byVenue = (a: ReconcileCompleted, b: ReconcileCompleted) =>
  Number(a.venue !== 'live') - Number(b.venue !== 'live') || a.venue.localeCompare(b.venue);

/**
 * The newest report of each venue after `report` arrives: it replaces its venue's report unless that
 * one finished later. Live first.
 */
export function keepNewest(
  reports: readonly ReconcileCompleted[],
  report: ReconcileCompleted,
): ReconcileCompleted[] {
  const current = reports.find((r) => r.venue === report.venue);
  const newer = current === undefined || report.finishedAt >= current.finishedAt;
  const others = reports.filter((r) => r.venue !== report.venue);
  return [...others, newer ? report : current].sort(byVenue);
}

/**
 * A run of the live venue that left rows unresolved or ended with errors keeps arming refused (the
 * reconciler's gate rule, as arming reads it: only the live venue decides).
 */
export const reportBlocks = (report: ReconcileCompleted): boolean =>
  report.venue === 'live' && (report.unresolved > 0 || report.errors.length > 0);

export interface GateFacts {
  /** `reconcileBlocked` of the newest mode snapshot; `undefined` while none is known. */
  readonly snapshotBlocked: boolean | undefined;
  /** The newest report of each venue. */
  readonly reports: readonly ReconcileCompleted[];
  /** Venues whose `reconcile.completed` event arrived after that snapshot. */
  readonly reportedSince: readonly string[];
}

/**
 * Whether arming is refused for reconcile reasons, as the dashboard can tell from what it has seen:
 * the live venue's newest report left rows unresolved or errors; or the newest snapshot said blocked
 * (a run was going, or rows were unresolved) and the live venue has not reported since. A snapshot is
 * only a moment: once each venue has finished a run after it, the reports decide.
 */
export function armingBlocked({ snapshotBlocked, reports, reportedSince }: GateFacts): boolean {
  if (reports.some(reportBlocks)) return true;
  if (snapshotBlocked !== true) return false;
  const live = reports.find((r) => r.venue === 'live');
  return live === undefined || !reportedSince.includes('live');
}
