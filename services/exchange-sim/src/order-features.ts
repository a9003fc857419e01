import { Dec } from './decimal.js';
import { errors, fail, ok, type Outcome } from './errors.js';
import { STP_MODES, type OrderType, type StpMode, type TimeInForce } from './orders-store.js';
import type { Params } from './params.js';
import type { SymbolSpec } from './symbols.js';

/** A symbol's self-trade prevention set-up (exchangeInfo's default and allowed modes). */
export interface StpConfig {
  readonly defaultMode: StpMode;
  readonly allowedModes: readonly StpMode[];
}

/** Live BTCUSDT's: EXPIRE_MAKER by default, every mode allowed (TRANSFER is not simulated). */
export const LIVE_STP: StpConfig = { defaultMode: 'EXPIRE_MAKER', allowedModes: STP_MODES };

export const stpConfigOf = (spec: SymbolSpec): StpConfig => spec.selfTradePrevention ?? LIVE_STP;

const KNOWN_STP_MODES: readonly string[] = [...STP_MODES, 'TRANSFER'];

/**
 * `selfTradePreventionMode`: the symbol's default when absent; -1130 when not a mode; -1013 "This
 * symbol does not allow the specified self-trade prevention mode." when the symbol does not allow it.
 */
export function stpModeParam(params: Params, spec: SymbolSpec): Outcome<StpMode> {
  const raw = params.get('selfTradePreventionMode');
  const config = stpConfigOf(spec);
  if (raw === undefined) return ok(config.defaultMode);
  if (!KNOWN_STP_MODES.includes(raw)) return fail(errors.invalidParam('selfTradePreventionMode'));
  if (!(config.allowedModes as readonly string[]).includes(raw))
    return fail(errors.stpModeNotAllowed());
  return ok(raw as StpMode);
}

export interface IcebergInput {
  readonly type: OrderType;
  readonly timeInForce: TimeInForce | undefined;
  readonly quantity: Dec | undefined;
  readonly icebergQty: Dec;
}

/**
 * An iceberg order: refused (-2010 "Iceberg orders are not supported for this symbol.") where
 * `icebergAllowed` is false; else LIMIT GTC or LIMIT_MAKER only (-1014), icebergQty below the
 * quantity (-2010 "IcebergQty exceeds QTY."), on the LOT_SIZE grid and within ICEBERG_PARTS
 * (-1013).
 */
export function checkIceberg(spec: SymbolSpec, input: IcebergInput): Outcome<true> {
  const parts = spec.icebergParts;
  if (parts === undefined) return fail(errors.icebergNotSupported());
  const limitGtc = input.type === 'LIMIT' && input.timeInForce === 'GTC';
  if (!limitGtc && input.type !== 'LIMIT_MAKER') return fail(errors.unsupportedCombination());
  const quantity = input.quantity as Dec;
  const iceberg = input.icebergQty;
  if (iceberg.gte(quantity)) return fail(errors.icebergExceedsQty());
  const { minQty, maxQty, stepSize } = spec.lotSize;
  if (iceberg.lt(minQty) || iceberg.gt(maxQty) || !iceberg.mod(stepSize).isZero())
    return fail(errors.filter('LOT_SIZE'));
  if (quantity.div(iceberg).ceil().gt(new Dec(parts))) return fail(errors.filter('ICEBERG_PARTS'));
  return ok(true);
}
