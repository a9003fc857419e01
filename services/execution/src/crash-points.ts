import type { CrashPoint } from './config.js';

/**
 * Test-only (EXECUTION_CRASH_AT): `reach(point)` calls `kill` the first time the configured point is
 * reached, so a test can SIGKILL the real process between two steps. Without a point it does nothing.
 */
export function createCrashPoints({
  at,
  kill,
}: {
  at: CrashPoint | undefined;
  kill: (point: CrashPoint) => void;
}): (point: CrashPoint) => void {
  let fired = false;
  return function reach(point) {
    if (fired || point !== at) return;
    fired = true;
    kill(point);
  };
}
