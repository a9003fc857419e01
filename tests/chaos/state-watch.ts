import type { StormDatabase } from './database.js';

export interface StateWatch {
  /** When each trading-state version was first seen committed (ms), polled from the database. */
  readonly firstSeen: ReadonlyMap<number, number>;
  stop(): Promise<void>;
}

/**
 * Polls `arming.trading_state` every `everyMs` and remembers when each version was first visible: an
 * upper bound of its commit time that does not depend on the bus (an answer lost in a NATS restart
 * would otherwise push it back by seconds).
 */
export function watchTradingState(db: StormDatabase, everyMs = 50): StateWatch {
  const firstSeen = new Map<number, number>();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const rows = await db
        .query<{ version: string }>('select version::text as version from arming.trading_state')
        .catch(() => []);
      const seenAt = Date.now();
      const version = rows[0] === undefined ? undefined : Number(rows[0].version);
      if (version !== undefined) {
        for (let v = 0; v <= version; v += 1) if (!firstSeen.has(v)) firstSeen.set(v, seenAt);
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    firstSeen,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
