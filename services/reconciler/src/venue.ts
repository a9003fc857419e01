import type { BinanceSpotAdapter } from '@livegate/binance';
import type { IntentMode } from '@livegate/contracts';

/** The part of a BinanceSpotAdapter a run uses: reads (the account once per run), and cancels of external orders. */
export type ReconcileVenue = Pick<
  BinanceSpotAdapter,
  'openOrders' | 'getOrder' | 'myTrades' | 'allOrders' | 'cancelOrder' | 'account'
>;

/** A venue is named after the mode whose orders go there (`paper`, `live`), as execution names it. */
export type VenueName = IntentMode;

export type Venues = Readonly<Partial<Record<VenueName, ReconcileVenue>>>;
