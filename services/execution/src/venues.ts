import { createBinanceSpotAdapter } from '@livegate/binance';
import type { Logger } from '@livegate/runtime';
import type { VenueSettings } from './config.js';
import type { Venues } from './work-deps.js';

/** The paper and the live adapter from their settings (the live one never serves paper intents). */
export function createVenues({
  venues,
  logger,
}: {
  venues: { readonly paper: VenueSettings; readonly live: VenueSettings };
  logger: Logger;
}): Venues {
  const adapter = (v: VenueSettings) =>
    createBinanceSpotAdapter({
      config: {
        name: v.name,
        baseUrl: v.baseUrl,
        apiKey: v.apiKey,
        apiSecret: v.apiSecret,
        recvWindowMs: v.recvWindowMs,
        timeoutMs: v.timeoutMs,
        marketPriceSource: v.marketPriceSource,
      },
      logger,
    });
  return { paper: adapter(venues.paper), live: adapter(venues.live) };
}
