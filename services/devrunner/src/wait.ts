import { connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

export interface WaitForProps {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Stop early (e.g. the process we wait on has died). */
  readonly cancelled?: () => boolean;
}

/** Polls `check` until it is true (→ true), the deadline passes or `cancelled()` (→ false). */
export async function waitFor(
  check: () => Promise<boolean>,
  { timeoutMs, intervalMs = 100, cancelled = () => false }: WaitForProps,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (cancelled() || Date.now() >= deadline) return false;
    await delay(intervalMs);
  }
}

/** Whether something accepts TCP connections on `host:port` right now. */
export function canConnect(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
