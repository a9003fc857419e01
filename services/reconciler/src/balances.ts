import { recordBalances } from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import type { Db } from './db.js';
import type { Pacer } from './paced-call.js';
import { RunAborted } from './run-error.js';
import type { ReconcileVenue, VenueName } from './venue.js';

export interface BalancesDeps {
  readonly db: Db;
  readonly pacer: Pacer;
  readonly venue: ReconcileVenue;
  readonly logger: Logger;
  /** The run's clock (the database's start plus the elapsed time on this host), in ms. */
  readonly at: () => number;
}

/**
 * Money on screen (issue 13): reads the venue's account once (GET /api/v3/account, weight 20) and
 * stores its balances as the venue's snapshot. The balances inform operators, they decide nothing:
 * a failed read is logged and the run goes on as if it had not been tried. The snapshot's time is
 * when the read was SENT (the last try, if the pacer repeated it): everything that happened before
 * is in the answer, so a stream write stored after that time (execution's, newer) is never
 * overwritten by it (docs/02, "Money").
 */
export async function snapshotBalances(deps: BalancesDeps, venueName: VenueName): Promise<void> {
  const { logger } = deps;
  try {
    let taken = 0;
    const r = await deps.pacer.call('account', () => {
      taken = deps.at();
      return deps.venue.account();
    });
    if (r.kind !== 'ok') {
      logger.warn({ code: r.code, reason: r.message }, 'the account could not be read');
      return;
    }
    const stored = await recordBalances(deps.db, venueName, [...r.value.balances.values()], taken);
    logger.info(
      { assets: r.value.balances.size, stored, takenAt: new Date(taken).toISOString() },
      'balances snapshot',
    );
  } catch (err) {
    const reason = err instanceof RunAborted ? err.message : String(err);
    logger.warn({ reason }, 'the balances snapshot failed');
  }
}
