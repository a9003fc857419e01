import type { Logger } from '@livegate/runtime';
import { createBinanceSpotAdapter, type BinanceSpotAdapter } from './adapter.js';
import type { BudgetShare } from './venue-budget.js';
import type { VenueConfigInput } from './venue-config.js';
import type { BudgetClass } from './weight-budget.js';

/**
 * The paper and the live adapter, each from its own settings (the live one never serves paper).
 * `budgetClass` says who spends their request weight (the reconciler's `reads` yield to orders);
 * `budgetShare` shares each venue key's budget with the other instances (over the bus).
 */
export function createVenueAdapters({
  venues,
  logger,
  budgetClass,
  budgetShare,
}: {
  venues: { readonly paper: VenueConfigInput; readonly live: VenueConfigInput };
  logger: Logger;
  budgetClass?: BudgetClass;
  budgetShare?: (venueName: string) => BudgetShare;
}): { readonly paper: BinanceSpotAdapter; readonly live: BinanceSpotAdapter } {
  const create = (config: VenueConfigInput) =>
    createBinanceSpotAdapter({
      config: budgetClass === undefined ? config : { ...config, budgetClass },
      logger,
      ...(budgetShare !== undefined && { budgetShare: budgetShare(config.name) }),
    });
  return { paper: create(venues.paper), live: create(venues.live) };
}
