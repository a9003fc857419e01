import type { CrashPoint } from './config.js';

/**
 * Test-only (EXECUTION_CRASH_AT, EXECUTION_FREEZE_AT): `reach(point)` calls `kill` the first time the
 * crash point is reached and `freeze` the first time the freeze point is, so a test can SIGKILL the
 * real process, or stop it whole (SIGSTOP), between two steps. Without points it does nothing.
 */
export function createCrashPoints({
  at,
  freezeAt,
  kill,
  freeze,
}: {
  at: CrashPoint | undefined;
  freezeAt?: CrashPoint | undefined;
  kill: (point: CrashPoint) => void;
  freeze: (point: CrashPoint) => void;
}): (point: CrashPoint) => void {
  let killed = false;
  let frozen = false;
  return function reach(point) {
    if (!frozen && point === freezeAt) {
      frozen = true;
      freeze(point);
    }
    if (!killed && point === at) {
      killed = true;
      kill(point);
    }
  };
}
