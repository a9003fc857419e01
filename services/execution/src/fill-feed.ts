import {
  type BinanceSpotAdapter,
  type ExecutionReport,
  type UserDataEvent,
  type UserDataStreamProps,
  type VenueOrder,
  type VenueTrade,
} from '@livegate/binance';
import { OPEN_ORDER_STATES } from '@livegate/contracts';
import type { Logger } from '@livegate/runtime';
import { Decimal } from 'decimal.js';
import { sql } from 'kysely';
import { applyVenueOrder, type ApplyDeps } from './report-apply.js';

/** What a user data stream calls: each event, and whenever events may have been missed. */
export type UserStreamHandlers = Pick<UserDataStreamProps, 'onEvent' | 'onResync'>;

/** The user data stream of one venue account, opened when the feed starts. */
export interface UserStreamSource {
  start(handlers: UserStreamHandlers): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A {@link UserStreamSource} on the adapter's own user data stream (the venue's `wsApiUrl`): one
 * subscription per account serves the account view and the fill feed. The adapter may have
 * subscribed before the feed listens, so starting signals a resync of the open rows at once.
 */
export function adapterUserStream(
  adapter: Pick<BinanceSpotAdapter, 'listenUserData'>,
): UserStreamSource {
  let remove: (() => void) | undefined;
  return {
    async start(handlers) {
      remove = adapter.listenUserData(handlers);
      handlers.onResync('subscribed');
    },
    async stop() {
      remove?.();
    },
  };
}

/** The trade a TRADE report carries, as a myTrades row would show it. */
export function tradeOf(report: ExecutionReport): VenueTrade[] {
  const { fill, order } = report;
  if (fill === undefined) return [];
  return [
    {
      symbol: order.symbol,
      id: fill.tradeId,
      orderId: order.orderId,
      price: fill.price,
      qty: fill.qty,
      quoteQty: new Decimal(fill.price).times(fill.qty).toFixed(),
      commission: fill.commission,
      commissionAsset: fill.commissionAsset,
      time: report.eventTime,
      isBuyer: order.side === 'BUY',
      isMaker: fill.isMaker,
    },
  ];
}

export interface FillFeedOptions extends ApplyDeps {
  /** The venue's name on the rows (`paper`, `live`). */
  readonly venueName: string;
  readonly venue: Pick<BinanceSpotAdapter, 'getOrder' | 'myTrades'>;
  readonly stream: UserStreamSource;
  readonly logger: Logger;
  /** A report for a row an instance is placing waits this long between tries… */
  readonly leaseRetryMs?: number;
  /** …and no longer than this in all (the resync and the reconciler cover the rest). */
  readonly leaseRetryMaxMs?: number;
  /** Open rows a resync looks up (oldest first); more are left to the reconciler. */
  readonly resyncLimit?: number;
}

export interface FillFeed {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when every report and resync queued so far is applied. */
  idle(): Promise<void>;
}

/**
 * Order events in real time: every `executionReport` of the venue's user data stream is applied to
 * its row as it arrives (one at a time, in arrival order; binance `movesForward` keeps late or
 * repeated reports harmless), and after a gap the open rows are looked up by REST (at most
 * `resyncLimit`). A report whose trades do not add up to the order's executed quantity fetches the
 * order's trades. Every instance runs a feed: applying is idempotent, so two feeds make one change.
 */
export function createFillFeed(options: FillFeedOptions): FillFeed {
  const { venueName, venue, stream, logger, now } = options;
  const leaseRetryMs = options.leaseRetryMs ?? 25;
  const leaseRetryMaxMs = options.leaseRetryMaxMs ?? 30_000;
  const resyncLimit = options.resyncLimit ?? 200;
  const timers = new Set<NodeJS.Timeout>();
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;

  function enqueue(what: string, work: () => Promise<void>): void {
    if (stopped) return;
    chain = chain.then(work).catch((err: unknown) => {
      logger.error({ err, venue: venueName }, `user stream: ${what} failed`);
    });
  }

  async function apply(report: ExecutionReport, deadline: number): Promise<void> {
    const applied = await applyVenueOrder(options, venueName, report.order, tradeOf(report));
    if (applied.kind === 'leased') {
      if (now() > deadline) {
        logger.warn(
          { venue: venueName, clientOrderId: report.order.clientOrderId },
          'user stream: row stayed leased; left to the resync and the reconciler',
        );
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        enqueue('a deferred report', () => apply(report, deadline));
      }, leaseRetryMs);
      timers.add(timer);
      return;
    }
    if (applied.kind === 'changed') {
      logger.info(
        {
          venue: venueName,
          intentId: applied.row.intent_id,
          from: applied.from,
          to: applied.row.state,
          fills: applied.fillsAdded,
          lagMs: now() - report.eventTime,
        },
        'order reported by the user stream',
      );
    }
    // A trade of the order was missed (a gap inside the stream): its trades are read now.
    if (applied.kind === 'changed' || applied.kind === 'unchanged') {
      const trades = await missingTrades(report.order, applied.filledQty);
      if (trades !== undefined && trades.length > 0) {
        await applyVenueOrder(options, venueName, report.order, trades);
      }
    }
  }

  /** The order's trades when the venue reports more executed than the row's stored fills; undefined: not read. */
  async function missingTrades(order: VenueOrder, filledQty: string) {
    if (!new Decimal(order.executedQty).gt(filledQty)) return [];
    const trades = await venue.myTrades({ symbol: order.symbol, orderId: order.orderId });
    if (trades.kind === 'ok') return trades.value;
    logger.warn(
      { venue: venueName, orderId: order.orderId, reason: trades.message },
      'user stream: trades not read; the row is left for the next resync',
    );
    return undefined;
  }

  async function resync(reason: string): Promise<void> {
    const rows = await options.db
      .selectFrom('execution.orders as o')
      .select([
        'o.symbol',
        'o.client_order_id',
        sql<string>`(select coalesce(sum(f.qty), 0)::text from execution.fills f
          where f.source = o.source and f.intent_id = o.intent_id)`.as('filled_qty'),
      ])
      .where('o.venue', '=', venueName)
      .where('o.state', 'in', OPEN_ORDER_STATES)
      .where((eb) =>
        eb.or([
          eb('o.lease_expires_at', 'is', null),
          eb('o.lease_expires_at', '<=', sql<Date>`now()`),
        ]),
      )
      .orderBy('o.inserted_at')
      .limit(resyncLimit + 1)
      .execute();
    const looked = rows.slice(0, resyncLimit);
    logger.info(
      { venue: venueName, reason, rows: looked.length },
      'user stream: resync of the open orders',
    );
    if (rows.length > resyncLimit) {
      logger.warn(
        { venue: venueName, resyncLimit },
        'user stream: more open orders than a resync looks up; the reconciler covers the rest',
      );
    }
    for (const row of looked) {
      const found = await venue.getOrder({
        symbol: row.symbol,
        clientOrderId: row.client_order_id,
      });
      if (found.kind !== 'ok') continue;
      const trades = await missingTrades(found.value, row.filled_qty);
      if (trades !== undefined) await applyVenueOrder(options, venueName, found.value, trades);
    }
  }

  return {
    async start() {
      await stream.start({
        onEvent(event: UserDataEvent) {
          if (event.kind !== 'executionReport') return;
          enqueue('a report', () => apply(event, now() + leaseRetryMaxMs));
        },
        onResync(reason) {
          enqueue('a resync', () => resync(reason));
        },
      });
    },
    idle: () => chain,
    async stop() {
      stopped = true;
      await stream.stop();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await chain;
      logger.info({ venue: venueName }, 'user stream feed stopped');
    },
  };
}
