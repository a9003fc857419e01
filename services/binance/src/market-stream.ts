import type { Logger } from '@livegate/runtime';
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { parseJsonText } from './json-text.js';
import { openReconnectingSocket } from './reconnecting-socket.js';
import { venueDecimal } from './wire.js';

/** `<symbol>@bookTicker` as the combined stream wraps it. */
const bookTickerFrame = z.object({
  stream: z.string(),
  data: z.object({ s: z.string(), b: venueDecimal, a: venueDecimal }),
});

export interface MarketStreamProps {
  /** The market-stream host root, e.g. `wss://stream.binance.com:9443` (`/stream` is added). */
  readonly url: string;
  readonly logger: Logger;
  readonly now: () => number;
  /** A price older than this (no book change received) is not used: REST answers instead. */
  readonly maxAgeMs: number;
  /** A connection silent this long is dropped and reopened; see `openReconnectingSocket`. */
  readonly silenceMs?: number;
}

/**
 * The reference price from the market stream: the mid of the best bid and ask of
 * `<symbol>@bookTicker`. Binance's notional filters value a MARKET order at `avgPrice` (a 5-minute
 * average); the mid is the market now. They differ by the last minutes' move, and the venue stays
 * the authority on its own filters (a MARKET order near a notional limit may still be refused -1013).
 */
export interface PriceView {
  /** The mid price, or undefined: not watched yet (now it is), disconnected, stale or one-sided. */
  price(symbol: string): string | undefined;
  /** The watched symbols whose price is usable now. */
  fresh(): string[];
  close(): Promise<void>;
}

interface Quote {
  readonly mid: string | undefined;
  readonly at: number;
}

/** One combined-stream connection; symbols are subscribed on first ask and again after a reconnect. */
export function openPriceView(props: MarketStreamProps): PriceView {
  const { logger, now, maxAgeMs } = props;
  const log = logger.child({ stream: 'market' });
  const watched = new Set<string>();
  const quotes = new Map<string, Quote>();
  let requestId = 0;

  const subscribe = (symbols: readonly string[]) =>
    socket.send({
      method: 'SUBSCRIBE',
      params: symbols.map((s) => `${s.toLowerCase()}@bookTicker`),
      id: ++requestId,
    });

  function onMessage(text: string): void {
    const json = parseJsonText(text);
    const frame = bookTickerFrame.safeParse(json);
    if (!frame.success) return; // answers to SUBSCRIBE, other streams
    const { s, b, a } = frame.data.data;
    const bid = new Decimal(b);
    const ask = new Decimal(a);
    const mid = bid.isZero() || ask.isZero() ? undefined : bid.plus(ask).div(2).toFixed();
    quotes.set(s, { mid, at: now() });
  }

  function usable(symbol: string): string | undefined {
    const quote = quotes.get(symbol);
    if (!socket.isOpen || quote === undefined || now() - quote.at > maxAgeMs) return undefined;
    return quote.mid;
  }

  const socket = openReconnectingSocket({
    url: `${props.url}/stream`,
    logger: log,
    ...(props.silenceMs === undefined ? {} : { silenceMs: props.silenceMs }),
    onOpen: () => {
      if (watched.size > 0) subscribe([...watched]);
    },
    onMessage,
    onDrop: () => quotes.clear(),
  });

  return {
    price(symbol) {
      if (!watched.has(symbol)) {
        watched.add(symbol);
        if (socket.isOpen) subscribe([symbol]);
      }
      return usable(symbol);
    },
    fresh: () => [...watched].filter((s) => usable(s) !== undefined),
    close: () => socket.close(),
  };
}
