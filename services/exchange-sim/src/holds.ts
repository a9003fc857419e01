import type { Socket } from 'node:net';

/** Cancellable waits: fault delays and held answers end early when the client leaves or the sim stops. */
export function createHolds() {
  const releases = new Set<() => void>();
  return {
    /** Resolves after `ms` (never, when undefined), when `socket` closes, or on `releaseAll()`. */
    wait(ms: number | undefined, socket: Socket): Promise<void> {
      return new Promise((resolve) => {
        let timer: NodeJS.Timeout | undefined;
        const done = () => {
          clearTimeout(timer);
          socket.off('close', done);
          releases.delete(done);
          resolve();
        };
        if (ms !== undefined) timer = setTimeout(done, ms);
        socket.once('close', done);
        releases.add(done);
      });
    },
    releaseAll(): void {
      for (const release of [...releases]) release();
    },
  };
}

export type Holds = ReturnType<typeof createHolds>;
