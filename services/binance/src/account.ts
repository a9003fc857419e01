import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { epochMs, venueDecimal } from './wire.js';

const balanceSchema = z.object({ asset: z.string(), free: venueDecimal, locked: venueDecimal });
export type VenueBalance = z.infer<typeof balanceSchema>;

/**
 * GET /api/v3/account, reduced to what the adapter uses. `takerRate` is the taker commission as a
 * fraction (`"0.001"` = 0.1 %): `commissionRates.taker` when sent, else `takerCommission` / 10000.
 */
export const accountSchema = z
  .object({
    makerCommission: z.number().nonnegative(),
    takerCommission: z.number().nonnegative(),
    commissionRates: z.object({ maker: venueDecimal, taker: venueDecimal }).optional(),
    canTrade: z.boolean(),
    updateTime: epochMs.optional(),
    balances: z.array(balanceSchema),
  })
  .transform(({ commissionRates, takerCommission, canTrade, updateTime, balances }) => ({
    canTrade,
    updateTime,
    takerRate: commissionRates?.taker ?? new Decimal(takerCommission).div(10_000).toFixed(),
    balances: new Map(balances.map((b) => [b.asset, b])),
  }));
export type AccountInfo = z.infer<typeof accountSchema>;
