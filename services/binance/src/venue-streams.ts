import type { Logger } from '@livegate/runtime';
import type { AccountInfo } from './account.js';
import { createAccountView } from './account-view.js';
import { openPriceView, type PriceView } from './market-stream.js';
import type { QueryOutcome } from './outcome.js';
import type { Cached } from './ttl-cache.js';
import type { UserDataEvent } from './user-data-events.js';
import { openUserDataStream, type ResyncReason, type UserDataStream } from './user-data-stream.js';
import type { VenueConfig } from './venue-config.js';

/** Told every user data event and every resync signal of the adapter's stream. */
export interface UserDataListener {
  readonly onEvent?: (event: UserDataEvent) => void;
  readonly onResync?: (reason: ResyncReason) => void;
  /** The account view changed (a snapshot, or a delta after it): its whole account, as it now is. */
  readonly onAccount?: (account: AccountInfo) => void;
}

/** What the streams serve now (`off`: not configured). */
export interface StreamStatus {
  /** `down`: not subscribed; `syncing`: subscribed, the REST snapshot not taken yet; `live`: balances served. */
  readonly userData: 'off' | 'down' | 'syncing' | 'live';
  /** Symbols whose streamed price is used now. */
  readonly prices: readonly string[];
}

export interface VenueStreams {
  status(): StreamStatus;
  /** Balances from the user data stream, when it is live and synced. */
  account(): Cached<AccountInfo> | undefined;
  /** The bookTicker mid, when fresh. */
  price(symbol: string): string | undefined;
  /**
   * Adds a listener of the user data stream (told the account at once when the view is synced);
   * returns its removal.
   */
  listen(listener: UserDataListener): () => void;
  close(): void;
}

export interface VenueStreamsProps {
  readonly config: VenueConfig;
  readonly logger: Logger;
  readonly now: () => number;
  /** The venue's clock (signatures). */
  readonly venueTime: () => number;
  /** GET /api/v3/account, now (shared with the adapter's own reads). */
  readonly snapshot: () => Promise<QueryOutcome<AccountInfo>>;
  /** Re-reads exchangeInfo and the server time, off the order path. */
  readonly refresh: () => void;
}

/**
 * The venue's streams, when configured (`wsApiUrl`, `streamUrl`): the account view over the user
 * data stream, the price view over the market stream, and a timer that keeps exchangeInfo and the
 * clock offset fresh (at start and every half of the shorter TTL), so that in steady state an order
 * costs one request. Undefined when neither URL is set: the adapter reads everything by REST.
 */
export function openVenueStreams(props: VenueStreamsProps): VenueStreams | undefined {
  const { config, logger, now } = props;
  if (config.wsApiUrl === undefined && config.streamUrl === undefined) return undefined;
  const listeners = new Set<UserDataListener>();
  let user: UserDataStream | undefined;
  const view = createAccountView({
    now,
    logger,
    snapshot: props.snapshot,
    live: () => user?.live === true,
    onChange: (account) => {
      for (const l of listeners) l.onAccount?.(account);
    },
  });
  if (config.wsApiUrl !== undefined) {
    user = openUserDataStream({
      url: config.wsApiUrl,
      apiKey: config.apiKey,
      apiSecret: config.apiSecret,
      recvWindowMs: config.recvWindowMs,
      silenceMs: config.streamSilenceMs,
      getTime: props.venueTime,
      logger,
      onEvent: (event) => {
        view.onEvent(event);
        for (const l of listeners) l.onEvent?.(event);
      },
      onResync: (reason) => {
        void view.resync();
        for (const l of listeners) l.onResync?.(reason);
      },
    });
  }
  const prices: PriceView | undefined =
    config.streamUrl === undefined
      ? undefined
      : openPriceView({
          url: config.streamUrl,
          logger,
          now,
          maxAgeMs: config.streamPriceMaxAgeMs,
          silenceMs: config.streamSilenceMs,
        });

  props.refresh();
  const timer = setInterval(
    props.refresh,
    Math.min(config.exchangeInfoTtlMs, config.timeSyncTtlMs) / 2,
  );
  timer.unref();

  return {
    account: () => view.current(),
    status: () => ({
      userData:
        user === undefined ? 'off' : !user.live ? 'down' : view.synced() ? 'live' : 'syncing',
      prices: prices?.fresh() ?? [],
    }),
    price: (symbol) => prices?.price(symbol),
    listen(listener) {
      listeners.add(listener);
      if (view.synced()) listener.onAccount?.((view.current() as Cached<AccountInfo>).value);
      return () => listeners.delete(listener);
    },
    close() {
      clearInterval(timer);
      void user?.close();
      void prices?.close();
    },
  };
}
