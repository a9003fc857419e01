import type { CheckResult, Evidence } from './evidence.js';
import { noLiveOpenAfterKill, noLiveOrderUnarmed, noSendAfterStop } from './invariants-live.js';
import {
  dbEqualsExchange,
  everyIntentHasRow,
  onePerKey,
  reusedKeysRefused,
  staleFromCrashes,
} from './invariants-orders.js';

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
