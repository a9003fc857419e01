import type { Logger } from '@livegate/runtime';
import { createBinanceSpotAdapter, type BinanceSpotAdapter } from './adapter.js';
import type { VenueConfigInput } from './venue-config.js';

/** The paper and the live adapter, each from its own settings (the live one never serves paper). */
export function createVenueAdapters({
  venues,
  logger,
}: {
  venues: { readonly paper: VenueConfigInput; readonly live: VenueConfigInput };
  logger: Logger;
}): { readonly paper: BinanceSpotAdapter; readonly live: BinanceSpotAdapter } {
  return {
    paper: createBinanceSpotAdapter({ config: venues.paper, logger }),
    live: createBinanceSpotAdapter({ config: venues.live, logger }),
  };
}
