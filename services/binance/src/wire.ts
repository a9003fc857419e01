import { z } from 'zod';

/** A venue id (orderId, tradeId): a JSON number, or the string {@link toPlain} made of a BigNumber; always a string out. */
export const venueId = z
  .union([z.int(), z.string().regex(/^-?[0-9]+$/, 'must be an integer')])
  .transform((value) => String(value));

/** A non-negative decimal string as Binance sends amounts (`"0.01000000"`). */
export const venueDecimal = z.string().regex(/^[0-9]+(\.[0-9]+)?$/, 'must be a decimal string');

/** A decimal that may be negative: historical `cummulativeQuoteQty` < 0 means "not available". */
export const signedVenueDecimal = z
  .string()
  .regex(/^-?[0-9]+(\.[0-9]+)?$/, 'must be a decimal string');

/** Epoch milliseconds. */
export const epochMs = z.union([z.int(), z.string().regex(/^[0-9]+$/)]).transform(Number);
