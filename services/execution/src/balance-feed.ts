import type { AccountInfo, BinanceSpotAdapter } from '@livegate/binance';
import type { BalancesStored, IntentMode } from '@livegate/contracts';
import { recordStreamBalances } from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import type { Db } from './db.js';

export interface BalanceFeedProps {
  readonly db: Db;
  readonly venueName: IntentMode;
  /** The venue's adapter: its account view (user data stream) tells every change. */
  readonly venue: Pick<BinanceSpotAdapter, 'listenUserData'>;
  /** Told after each stored write (the gateway's `money.changed` push). */
  readonly notify: (note: BalancesStored) => void;
  readonly logger: Logger;
}

export interface BalanceFeed {
  start(): void;
  /** Stops listening and waits for the write under way. */
  stop(): Promise<void>;
}

/**
 * Balances from the account stream (issue 13; docs/02, "Money"): every change of the adapter's
 * account view (its REST snapshot at each (re)subscription, then each `outboundAccountPosition` /
 * `balanceUpdate`) is stored in `money.balances` at once, with no venue request of its own. Writes
 * are serial and the newest wins: a change that arrives during a write replaces any still waiting,
 * so a burst costs at most two writes. A failed write is logged; the next change writes the whole
 * account again.
 */
export function createBalanceFeed(props: BalanceFeedProps): BalanceFeed {
  const { db, venueName, logger } = props;
  let waiting: AccountInfo | undefined;
  let writing: Promise<void> | undefined;
  let unlisten: (() => void) | undefined;

  async function drain(): Promise<void> {
    for (let account = waiting; account !== undefined; account = waiting) {
      waiting = undefined;
      try {
        const taken = await recordStreamBalances(db, venueName, [...account.balances.values()]);
        if (taken === undefined) logger.debug('balances not stored: a newer read is there');
        else props.notify({ venue: venueName, takenAt: taken.toISOString() });
      } catch (err) {
        logger.warn({ err }, 'balances from the account stream not stored');
      }
    }
    writing = undefined;
  }

  return {
    start() {
      unlisten ??= props.venue.listenUserData({
        onAccount: (account) => {
          waiting = account;
          writing ??= drain();
        },
      });
    },
    async stop() {
      unlisten?.();
      unlisten = undefined;
      await writing;
    },
  };
}
