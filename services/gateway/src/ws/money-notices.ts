import { subscribeBalancesStored } from '@livegate/bus';
import type { OrderEvent, WsFrame, WsFrameOf } from '@livegate/contracts';
import type { Logger } from '@livegate/runtime';
import type { GatewayBus } from '../bus/gateway-bus.js';

type MoneyFrame = WsFrameOf<'money.changed'>;

/**
 * Whether an order event reports filled quantity: its `fills`, or a non-zero `executedQty` (an
 * order filled in its placement answer is `order.submitted` FILLED, without `fills`).
 */
function carriesFills(event: OrderEvent): boolean {
  const { fills = [], executedQty = '0' } = event as { fills?: unknown[]; executedQty?: string };
  return fills.length > 0 || /[1-9]/.test(executedQty);
}

/** Left the book without a fill (or never rested): the open orders in the exposure changed. */
const LEFT_BOOK = new Set(['CANCELED', 'EXPIRED']);

/**
 * Whether an order event without fills changes the open orders an exposure line counts: an order
 * that came to rest (`order.submitted` NEW) or left the book (cancelled, expired).
 */
function movesOpenOrders(event: OrderEvent): boolean {
  if (event.type === 'order.canceled') return true;
  if (event.type === 'order.submitted') return event.state === 'NEW';
  return event.type === 'order.updated' && LEFT_BOOK.has(event.state);
}

/**
 * The `money.changed` notice a forwarded frame implies: an order event that reports a fill (P&L,
 * fees, exposure moved) or moves the open orders (exposure moved), or a finished reconcile run
 * (fills added, a balances snapshot stored).
 */
export function moneyNoticeFor(frame: WsFrame): MoneyFrame | undefined {
  if (frame.type === 'reconcile.completed')
    return {
      type: 'money.changed',
      data: { venue: frame.data.venue, reason: 'reconcile', at: frame.data.finishedAt },
    };
  if (frame.type !== 'order.event') return undefined;
  const reason = carriesFills(frame.data)
    ? 'fill'
    : movesOpenOrders(frame.data)
      ? 'order'
      : undefined;
  if (reason === undefined) return undefined;
  return { type: 'money.changed', data: { venue: frame.data.mode, reason, at: frame.data.at } };
}

/**
 * Pushes `money.changed` to the dashboard (issue 13: the Money page reloads on it instead of
 * polling): after each forwarded frame that implies one, and on execution's `money.balances.*`
 * notice (balances stored from the account stream). Returns the stop.
 */
export function startMoneyNotices({
  bus,
  logger,
  broadcast,
}: {
  bus: Pick<GatewayBus, 'nc' | 'subjects'>;
  logger: Logger;
  broadcast: (frame: WsFrame) => void;
}): { forward(frame: WsFrame): void; stop(): void } {
  const stop = subscribeBalancesStored(bus, logger, (note) =>
    broadcast({
      type: 'money.changed',
      data: { venue: note.venue, reason: 'balances', at: note.takenAt },
    }),
  );
  return {
    forward(frame) {
      broadcast(frame);
      const notice = moneyNoticeFor(frame);
      if (notice !== undefined) broadcast(notice);
    },
    stop,
  };
}
