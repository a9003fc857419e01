import { createHmac } from 'node:crypto';
import type { BackoffPolicy, Logger } from '@livegate/runtime';
import { Decimal } from 'decimal.js';
import { parseJsonText } from './json-text.js';
import { openReconnectingSocket } from './reconnecting-socket.js';
import {
  userDataEventSchema,
  wsApiFrameSchema,
  type ExecutionReport,
  type UserDataEvent,
} from './user-data-events.js';
import { TERMINAL_STATUSES } from './venue-order.js';

/**
 * Why the stream's consumer must read the state by REST now: events may have been missed.
 * `subscribed` (first subscription), `resubscribed` (after a reconnect: the gap of the outage),
 * `missed-events` (an order's reports do not add up: one went missing on an open connection).
 */
export type ResyncReason = 'subscribed' | 'resubscribed' | 'missed-events';

export interface UserDataStreamProps {
  /** The WebSocket API, e.g. `wss://ws-api.binance.com:443/ws-api/v3`. */
  readonly url: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly logger: Logger;
  /** The venue's clock (signature timestamp); default `Date.now`. */
  readonly getTime?: () => number;
  readonly recvWindowMs?: number;
  readonly backoff?: BackoffPolicy;
  /** A connection silent this long is dropped and reopened (then resynced); see `openReconnectingSocket`. */
  readonly silenceMs?: number;
  /** Orders whose reports are followed for gaps (oldest forgotten first). Default 10,000. */
  readonly trackedOrders?: number;
  readonly onEvent: (event: UserDataEvent) => void;
  /** After every (re)subscription and every detected gap: read what the stream may have missed by REST. */
  readonly onResync: (reason: ResyncReason) => void;
}

export interface UserDataStream {
  /** True while subscribed on an open connection. */
  readonly live: boolean;
  close(): Promise<void>;
}

/**
 * The user data stream over the WebSocket API: `userDataStream.subscribe.signature` (HMAC-SHA256 over
 * `apiKey` and `timestamp`), events parsed with zod, a reconnect with backoff after any drop (and at
 * once on `serverShutdown` / `eventStreamTerminated`), and gap detection: Binance numbers nothing,
 * so a gap is a drop, or an order whose cumulative quantity does not add up report after report.
 */
export function openUserDataStream(props: UserDataStreamProps): UserDataStream {
  const { apiKey, apiSecret, logger, getTime = Date.now, trackedOrders = 10_000 } = props;
  const log = logger.child({ stream: 'user-data' });
  /** orderId → cumulative filled quantity after its last report. */
  const filled = new Map<string, string>();
  let subscriptionId: number | undefined;
  let subscribedBefore = false;
  let subscribedAt = 0;
  let requestId = 0;

  function subscribe(): void {
    const timestamp = getTime();
    const params: Record<string, string | number> = {
      apiKey,
      ...(props.recvWindowMs === undefined ? {} : { recvWindow: props.recvWindowMs }),
      timestamp,
    };
    const payload = Object.keys(params)
      .sort()
      .map((k) => `${k}=${params[k]}`)
      .join('&');
    const signature = createHmac('sha256', apiSecret).update(payload).digest('hex');
    subscribedAt = timestamp;
    socket.send({
      id: `subscribe-${++requestId}`,
      method: 'userDataStream.subscribe.signature',
      params: { ...params, signature },
    });
  }

  /** Whether this report fits the ones before it; it is remembered either way. */
  function fits(report: ExecutionReport): boolean {
    const { order, fill } = report;
    const before = filled.get(order.orderId);
    const lastQty = fill?.qty ?? '0';
    filled.delete(order.orderId);
    if (!TERMINAL_STATUSES.has(order.status)) {
      filled.set(order.orderId, order.executedQty);
      if (filled.size > trackedOrders) filled.delete(filled.keys().next().value as string);
    }
    if (before !== undefined) return new Decimal(before).plus(lastQty).equals(order.executedQty);
    // Unknown order: created after we subscribed, its first report must be its NEW.
    return report.executionType === 'NEW' || report.orderCreatedAt < subscribedAt;
  }

  function onAnswer(frame: { status: number; result?: unknown; error?: unknown }): void {
    const id = (frame.result as { subscriptionId?: unknown } | undefined)?.subscriptionId;
    if (frame.status !== 200 || typeof id !== 'number') {
      log.error(
        { error: frame.error, status: frame.status },
        'user data stream subscription refused',
      );
      socket.restart('subscription refused');
      return;
    }
    subscriptionId = id;
    filled.clear();
    log.info({ subscriptionId: id }, 'user data stream subscribed');
    props.onResync(subscribedBefore ? 'resubscribed' : 'subscribed');
    subscribedBefore = true;
  }

  function onMessage(text: string): void {
    const json = parseJsonText(text);
    const frame = wsApiFrameSchema.safeParse(json);
    if (!frame.success) {
      log.warn({ frame: text.slice(0, 200) }, 'user data stream: unreadable frame ignored');
      return;
    }
    if (!('event' in frame.data)) {
      onAnswer(frame.data);
      return;
    }
    const { subscriptionId: of, event: raw } = frame.data;
    if (of !== undefined && of !== subscriptionId) return;
    const parsed = userDataEventSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn({ e: raw.e, issues: parsed.error.issues.length }, 'user data stream: event ignored');
      return;
    }
    const event = parsed.data;
    if (event.kind === 'streamEnd') {
      socket.restart(event.reason);
      return;
    }
    const gap = event.kind === 'executionReport' && !fits(event);
    props.onEvent(event);
    if (gap) {
      log.warn(
        { orderId: (event as ExecutionReport).order.orderId },
        'user data stream: missed events',
      );
      props.onResync('missed-events');
    }
  }

  const socket = openReconnectingSocket({
    url: props.url,
    logger: log,
    ...(props.backoff === undefined ? {} : { backoff: props.backoff }),
    ...(props.silenceMs === undefined ? {} : { silenceMs: props.silenceMs }),
    onOpen: subscribe,
    onMessage,
    onDrop: () => {
      subscriptionId = undefined;
    },
  });

  return {
    get live() {
      return socket.isOpen && subscriptionId !== undefined;
    },
    close: () => {
      subscriptionId = undefined;
      return socket.close();
    },
  };
}
