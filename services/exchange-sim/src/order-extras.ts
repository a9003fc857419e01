import { errors, fail, ok, type Outcome } from './errors.js';
import type { Params } from './params.js';

/** The optional order parameters beyond type, size and price that the simulator takes. */
export interface OrderExtras {
  readonly strategyId?: number;
  readonly strategyType?: number;
}

const STRATEGY_ID = /^[0-9]{1,15}$/;
const STRATEGY_ID_RANGE = '^[0-9]{1,15}$';
const STRATEGY_TYPE = /^[0-9]{1,10}$/;
const STRATEGY_TYPE_RANGE = '^[0-9]{1,10}$';
const MIN_STRATEGY_TYPE = 1_000_000;
const MAX_INT = 2_147_483_647;
/** Parameters of order types / features the simulated symbols do not have. */
const STOP_PARAMS = ['stopPrice', 'trailingDelta'] as const;
const PEG_PARAMS = ['pegPriceType', 'pegOffsetValue', 'pegOffsetType'] as const;

/**
 * `strategyId` (a whole number, at most 15 digits here, -1100) and `strategyType` (at least
 * 1000000, -1134; a 32-bit integer, -1100), echoed on the order; `stopPrice` / `trailingDelta` are
 * -1106 (no stop order types); peg parameters -1014 (no symbol allows pegged orders).
 */
export function parseOrderExtras(params: Params): Outcome<OrderExtras> {
  for (const name of STOP_PARAMS) if (params.has(name)) return fail(errors.notRequired(name));
  if (PEG_PARAMS.some((name) => params.has(name))) return fail(errors.unsupportedCombination());
  const id = params.get('strategyId');
  if (id !== undefined && !STRATEGY_ID.test(id))
    return fail(errors.illegalChars('strategyId', STRATEGY_ID_RANGE));
  const type = params.get('strategyType');
  if (type !== undefined && (!STRATEGY_TYPE.test(type) || Number(type) > MAX_INT))
    return fail(errors.illegalChars('strategyType', STRATEGY_TYPE_RANGE));
  if (type !== undefined && Number(type) < MIN_STRATEGY_TYPE) return fail(errors.badStrategyType());
  return ok({
    ...(id === undefined ? {} : { strategyId: Number(id) }),
    ...(type === undefined ? {} : { strategyType: Number(type) }),
  });
}
