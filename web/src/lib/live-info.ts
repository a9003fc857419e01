/** What the ARM LIVE modal tells the operator before they arm (from the dashboard server's config). */
export interface LiveInfo {
  /** The live venue in words, e.g. "Binance spot (api.binance.com)". */
  readonly venue: string;
  /** The account on that venue, when configured. */
  readonly account: string | undefined;
  /** How long a live session lasts before it disarms by itself, when known. */
  readonly sessionMaxMs: number | undefined;
}
