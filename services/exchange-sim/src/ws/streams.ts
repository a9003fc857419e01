import type { SimAccount } from '../accounts.js';
import type { SimEvent } from '../events.js';
import type { SimState } from '../state.js';
import type { WsHub } from './hub.js';
import { createBookTickers, streamSymbol, tradePayload } from './market.js';
import { balanceUpdate, executionReport, outboundAccountPosition } from './user-reports.js';
import type { WsApiSession } from './ws-api.js';

type Send = (frame: string) => void;

/** A market-stream connection: its streams, and whether frames are wrapped `{ stream, data }`. */
export interface MarketConnection {
  readonly streams: Set<string>;
  readonly combined: boolean;
  readonly send: Send;
}

/**
 * Routes simulator events to the open connections as they happen: executionReport,
 * outboundAccountPosition and balanceUpdate to the WebSocket API subscriptions of the account
 * (`{ subscriptionId, event }`), trades and book-ticker changes to market-stream connections.
 */
export function createStreamRouter(state: SimState, hub: WsHub) {
  const userSessions = new Map<WsApiSession, Send>();
  const markets = new Set<MarketConnection>();
  const tickers = createBookTickers(state);
  let executionId = 0;

  function toUser(apiKey: string, event: object): void {
    if (hub.skipsUserEvent()) return;
    for (const [session, send] of userSessions) {
      for (const [subscriptionId, key] of session.subscriptions)
        if (key === apiKey) send(JSON.stringify({ subscriptionId, event }));
    }
  }

  function toMarket(stream: string, data: object): void {
    for (const connection of markets) {
      if (!connection.streams.has(stream)) continue;
      connection.send(JSON.stringify(connection.combined ? { stream, data } : data));
    }
  }

  const watched = (stream: string) => [...markets].some((m) => m.streams.has(stream));

  function route(event: SimEvent): void {
    switch (event.type) {
      case 'order':
        toUser(event.order.apiKey, executionReport(event, ++executionId));
        return;
      case 'account': {
        // events are synchronous: the account exists while its event is routed
        const account = state.accounts.get(event.apiKey) as SimAccount;
        toUser(event.apiKey, outboundAccountPosition(account, event));
        return;
      }
      case 'balance':
        toUser(event.apiKey, balanceUpdate(event));
        return;
      case 'trade':
        toMarket(`${event.symbol.toLowerCase()}@trade`, tradePayload(event, state.clock()));
        return;
      case 'book': {
        const stream = `${event.symbol.toLowerCase()}@bookTicker`;
        // the top of the book costs a sort of the book: only when someone watches it
        if (!watched(stream)) return;
        const ticker = tickers.changed(event.symbol);
        if (ticker !== undefined) toMarket(stream, ticker);
      }
    }
  }

  const unsubscribe = state.events.subscribe(route);

  return {
    addUserSession(session: WsApiSession, send: Send): () => void {
      userSessions.set(session, send);
      return () => userSessions.delete(session);
    },
    /** Adds a market connection; it first gets the current book ticker of its bookTicker streams. */
    addMarket(connection: MarketConnection): () => void {
      markets.add(connection);
      return () => markets.delete(connection);
    },
    /** Sends the current book ticker of a newly watched `<symbol>@bookTicker` stream. */
    primeBookTicker(connection: MarketConnection, stream: string): void {
      if (!stream.endsWith('@bookTicker')) return;
      const symbol = streamSymbol(state, stream) as string;
      const ticker = tickers.changed(symbol) ?? tickers.current(symbol);
      connection.send(JSON.stringify(connection.combined ? { stream, data: ticker } : ticker));
    },
    counts() {
      let subscriptions = 0;
      for (const session of userSessions.keys()) subscriptions += session.subscriptions.size;
      let streams = 0;
      for (const m of markets) streams += m.streams.size;
      return {
        connections: hub.connections,
        userSubscriptions: subscriptions,
        marketStreams: streams,
      };
    },
    stop: unsubscribe,
  };
}

export type StreamRouter = ReturnType<typeof createStreamRouter>;
