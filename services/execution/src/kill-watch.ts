import type { Logger } from '@livegate/runtime';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Db } from './db.js';
import type { KillSwitch } from './kill-switch.js';
import { readMode } from './orders.repository.js';

export interface KillWatch {
  /** Starts reading the trading state every `pollMs`. */
  start(): void;
  /** Acts on the trading state now (a `mode.changed` arrived, or a live order came to rest). */
  check(trigger: Record<string, string | number>): Promise<void>;
  stop(): Promise<void>;
}

const SWEEP_LOCK = 'livegate.execution.kill-sweep';

/** A sweep of `version` that left nothing failed is on record (by any instance). */
async function sweptOnRecord(db: Db, version: number): Promise<boolean> {
  const row = await db
    .selectFrom('audit.log')
    .select('id')
    .where('kind', '=', 'execution.kill_cancelled')
    .where(
      sql<boolean>`details @> ${JSON.stringify({ trigger: { sweep: 'kill', version } })}::jsonb`,
    )
    .where(sql<boolean>`jsonb_array_length(details -> 'failed') = 0`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Runs `work` if no other instance sweeps now (session advisory lock on a connection of its own). */
function unlessSweeping(db: Db, logger: Logger, work: () => Promise<void>): Promise<void> {
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{
      got: boolean;
    }>`select pg_try_advisory_lock(hashtextextended(${SWEEP_LOCK}, 0)) as got`.execute(conn);
    if (!(rows[0] as { got: boolean }).got) {
      logger.debug('kill switch: another instance is sweeping; this check is skipped');
    } else {
      try {
        await work();
      } finally {
        await sql`select pg_advisory_unlock(hashtextextended(${SWEEP_LOCK}, 0))`.execute(conn);
      }
    }
  });
}

/**
 * The kill switch follows the trading state in the database itself, not only `mode.changed`: a kill
 * is acted on even when the bus is down. While HALTED, the first sweep of each kill (version) cancels
 * every open order on the live account; later checks cancel our live rows that came to rest since
 * (they raced the kill, or their placement was resolved later), so no live order stays open while
 * halted. One instance sweeps at a time; checks in this process run one after another.
 */
export function createKillWatch({
  db,
  killSwitch,
  pollMs,
  logger,
}: {
  db: Db;
  killSwitch: KillSwitch;
  pollMs: number;
  logger: Logger;
}): KillWatch {
  let swept: number | undefined;
  // Rows the venue said are not open (this kill): left to the reconciler, not asked again every poll.
  let notOpen = new Set<string>();
  let chain: Promise<void> = Promise.resolve();

  /** Rows the venue said are not open this kill: not asked again every poll. */
  function remember(report: { notOpen: readonly { clientOrderId: string }[] }): void {
    for (const e of report.notOpen) notOpen.add(e.clientOrderId);
  }

  async function once(trigger: Record<string, string | number>): Promise<void> {
    const { mode, version } = await readMode(db);
    if (mode !== 'HALTED') return;
    await unlessSweeping(db, logger, async () => {
      if (swept !== version) notOpen = new Set();
      if (swept !== version && !(await sweptOnRecord(db, version))) {
        const report = await killSwitch.sweep({ ...trigger, sweep: 'kill', version });
        remember(report);
        if (report.failed.length === 0) swept = version;
        return;
      }
      swept = version;
      const report = await killSwitch.cancelResting(
        { ...trigger, sweep: 'rested', version },
        notOpen,
      );
      remember(report);
    });
  }

  function check(trigger: Record<string, string | number>): Promise<void> {
    chain = chain.then(() => {
      return once(trigger).catch((err: unknown) => {
        logger.error({ err }, 'kill switch: checking the trading state failed; retrying');
      });
    });
    return chain;
  }

  // Polls one after another: the next wait starts when the previous check is done, so they never queue.
  const polling = new AbortController();
  let loop: Promise<void> | undefined;
  async function pollLoop(): Promise<void> {
    try {
      for (;;) {
        await delay(pollMs, undefined, { signal: polling.signal });
        await check({ reason: 'trading state read' });
      }
    } catch {
      // aborted by stop()
    }
  }

  return {
    start() {
      loop = pollLoop();
    },
    check,
    async stop() {
      polling.abort();
      await loop;
      await chain;
    },
  };
}
