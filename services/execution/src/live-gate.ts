import type { ReconcileCompleted } from '@livegate/contracts';

/**
 * Whether live intents may be consumed: only after a `reconcile.completed` for the live venue whose
 * run started at or after this instance started (DESIGN.md §4: the database must agree with the
 * exchange before trading resumes). `required: false` (EXECUTION_REQUIRE_RECONCILE=false) opens it.
 */
export function liveIntakeOpen({
  startedAt,
  lastReconcileCompleted,
  required = true,
}: {
  /** Epoch ms this instance started. */
  startedAt: number;
  lastReconcileCompleted: Pick<ReconcileCompleted, 'venue' | 'startedAt'> | undefined;
  required?: boolean;
}): boolean {
  if (!required) return true;
  if (lastReconcileCompleted === undefined || lastReconcileCompleted.venue !== 'live') return false;
  return Date.parse(lastReconcileCompleted.startedAt) >= startedAt;
}
