/**
 * Quote assets of Binance spot symbols, longest first so `FDUSD` wins over `USD`-like endings. The
 * dashboard has no exchangeInfo, so the quote asset of `BTCUSDT` is read from its ending.
 */
const QUOTE_ASSETS = [
  'FDUSD',
  'USDT',
  'USDC',
  'TUSD',
  'BUSD',
  'USDP',
  'EURI',
  'DAI',
  'EUR',
  'GBP',
  'TRY',
  'BRL',
  'JPY',
  'AUD',
  'BTC',
  'ETH',
  'BNB',
] as const;

/** `BTCUSDT` → `USDT`; `undefined` when the symbol ends in no known quote asset. */
export function quoteAssetOf(symbol: string | undefined): string | undefined {
  if (symbol === undefined) return undefined;
  return QUOTE_ASSETS.find((q) => symbol.length > q.length && symbol.endsWith(q));
}

/**
 * An order's size as an operator must read it: a base quantity as is (`0.001`); a MARKET order sized
 * by `quoteOrderQty` as an amount of the quote asset, marked so — `100 USDT (quote)` — never as if
 * it were 100 of the base asset.
 */
export function formatOrderSize({
  quantity,
  quoteOrderQty,
  symbol,
}: {
  quantity: string | undefined;
  quoteOrderQty: string | undefined;
  symbol: string | undefined;
}): string | undefined {
  if (quantity !== undefined) return quantity;
  if (quoteOrderQty === undefined) return undefined;
  const asset = quoteAssetOf(symbol);
  return asset === undefined
    ? `${quoteOrderQty} (quote amount)`
    : `${quoteOrderQty} ${asset} (quote)`;
}
