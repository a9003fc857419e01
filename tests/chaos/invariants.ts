import type { CheckResult, Evidence } from './evidence.js';
import { noLiveOpenAfterKill, noLiveOrderUnarmed, noSendAfterStop } from './invariants-live.js';
import {
  dbEqualsExchange,
  everyIntentHasRow,
  onePerKey,
  reusedKeysRefused,
  staleFromCrashes,
} from './invariants-orders.js';

/**
 * 9. The stack settled within the bound: every intent message acknowledged, every acknowledged intent
 * stored, no row unresolved. Otherwise the other checks looked at a state still moving (e.g. intents a
 * killed instance held, redelivered only after the ack wait).
 */
export function settledInBound(e: Evidence): CheckResult {
  const { ms, boundMs, missing, unresolved, queued } = e.settle;
  const ok = missing === 0 && unresolved === 0 && queued === 0;
  return {
    name: 'settled-in-bound',
    ok,
    counts: `${ok ? 'settled' : 'not settled'} in ${(ms / 1000).toFixed(1)} s (bound ${boundMs / 1000} s): ${queued} intent messages unacknowledged, ${missing} intents without a row, ${unresolved} rows unresolved`,
    examples: [],
    notes: [],
  };
}

/** The storm's invariants, in the order they are printed. */
export function checkAll(e: Evidence): CheckResult[] {
  return [
    onePerKey(e),
    everyIntentHasRow(e),
    dbEqualsExchange(e),
    noLiveOrderUnarmed(e),
    noSendAfterStop(e),
    noLiveOpenAfterKill(e),
    reusedKeysRefused(e),
    staleFromCrashes(e),
    settledInBound(e),
  ];
}

/** `PASS name: counts` / `FAIL name: counts` with examples and notes, then `N passed, M failed`. */
export function formatChecks(results: readonly CheckResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.ok ? 'PASS' : 'FAIL'} ${r.name}: ${r.counts}`);
    for (const ex of r.examples) lines.push(`     e.g. ${ex}`);
    for (const note of r.notes) lines.push(`     note: ${note}`);
  }
  const failed = results.filter((r) => !r.ok).length;
  lines.push(`${results.length - failed} passed, ${failed} failed`);
  return lines;
}
