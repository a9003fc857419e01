import type { IntentMode, RiskLimitKind } from '@livegate/contracts';
import { Decimal } from 'decimal.js';

const D = Decimal.clone({ precision: 60 });
type Dec = InstanceType<typeof D>;
const show = (value: Dec) => value.toDecimalPlaces(8).toFixed();

/** One limit in force for the order's venue and strategy (`asset` null for the kinds without one). */
export interface LimitInForce {
  readonly kind: RiskLimitKind;
  readonly asset: string | null;
  readonly value: string;
  /** The venue's default (`source` `*`), in force because the strategy has no limit of its own. */
  readonly byDefault?: boolean;
}

/** What the decision knows of the order: its row, the symbol's assets, the venue's reference price. */
export interface RiskOrder {
  readonly venue: IntentMode;
  readonly source: string;
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly type: string;
  readonly quantity?: string | undefined;
  readonly quoteOrderQty?: string | undefined;
  readonly price?: string | undefined;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  readonly referencePrice?: string | undefined;
}

/**
 * Counted in the database inside the fenced step, under the (venue, source) lock, this order left out:
 * orders sent and not finished, orders sent in the last second, the net filled base quantity
 * (bought − sold) and the remaining base quantity of open orders on this order's side (≥ 0).
 */
export interface RiskCounts {
  readonly openOrders: number;
  readonly sentLastSecond: number;
  readonly filled: string;
  readonly openSameSide: string;
}
export const NO_COUNTS: RiskCounts = Object.freeze({
  openOrders: 0,
  sentLastSecond: 0,
  filled: '0',
  openSameSide: '0',
});

/** What checking these limits takes: the reference price, the lock, which counts. */
export interface RiskNeeds {
  readonly referencePrice: boolean;
  readonly lock: boolean;
  readonly openOrders: boolean;
  readonly sentLastSecond: boolean;
  readonly position: boolean;
}

export function riskNeeds(limits: readonly LimitInForce[]): RiskNeeds {
  const has = (kind: RiskLimitKind) => limits.some((l) => l.kind === kind);
  const openOrders = has('max_open_orders');
  const sentLastSecond = has('max_orders_per_second');
  const position = has('max_position');
  return {
    referencePrice: has('price_collar_pct') || position,
    lock: openOrders || sentLastSecond || position,
    openOrders,
    sentLastSecond,
    position,
  };
}

export interface RiskBreach {
  readonly limit: RiskLimitKind;
  readonly message: string;
  readonly details: Record<string, string>;
}

const whose = (o: RiskOrder) => `strategy ${o.source} on ${o.venue}`;
const NOTHING_SENT = 'Nothing was sent.';

function priceMissing(kind: RiskLimitKind): RiskBreach {
  return {
    limit: kind,
    message: `Risk limit ${kind} could not be checked: the venue's reference price was not read for this order (the limit was set while it was being checked). Nothing was sent; send the intent again.`,
    details: { limit: kind },
  };
}

/** The order's base quantity (a quoteOrderQty order at the reference price); undefined: no price. */
function baseQuantity(o: RiskOrder): Dec | undefined {
  if (o.quantity !== undefined) return new D(o.quantity);
  if (o.referencePrice === undefined) return undefined;
  return new D(o.quoteOrderQty as string).div(o.referencePrice);
}

function notionalBreach(o: RiskOrder, l: LimitInForce): RiskBreach | undefined {
  if (l.asset !== o.quoteAsset) return undefined;
  const price = o.price ?? o.referencePrice;
  if (o.quoteOrderQty === undefined && price === undefined) return priceMissing(l.kind);
  const value =
    o.quoteOrderQty !== undefined
      ? new D(o.quoteOrderQty)
      : new D(o.quantity as string).mul(price as string);
  if (value.lte(l.value)) return undefined;
  return {
    limit: l.kind,
    message: `Risk limit ${l.kind} breached: the order's value ${show(value)} ${l.asset} is above the limit of ${l.value} ${l.asset} for ${whose(o)}. ${NOTHING_SENT}`,
    details: { limit: l.kind, asset: l.asset, value: l.value, actual: show(value) },
  };
}

function collarBreach(o: RiskOrder, l: LimitInForce): RiskBreach | undefined {
  if (o.price === undefined) return undefined;
  if (o.referencePrice === undefined) return priceMissing(l.kind);
  const pct = new D(o.price).minus(o.referencePrice).abs().div(o.referencePrice).mul(100);
  if (pct.lte(l.value)) return undefined;
  const [price, reference] = [show(new D(o.price)), show(new D(o.referencePrice))];
  const away = pct.toDecimalPlaces(2, D.ROUND_UP).toFixed();
  return {
    limit: l.kind,
    message: `Risk limit ${l.kind} breached: the price ${price} is ${away}% from the reference price ${reference}, the collar is ${l.value}% for ${whose(o)}. ${NOTHING_SENT}`,
    details: { limit: l.kind, value: l.value, actual: show(pct), price, referencePrice: reference },
  };
}

function countBreach(o: RiskOrder, l: LimitInForce, counted: number): RiskBreach | undefined {
  if (new D(counted).lt(l.value)) return undefined;
  const what =
    l.kind === 'max_open_orders'
      ? `${counted} orders of ${whose(o).replace(' on ', ' are open on ')} and the limit is ${l.value}`
      : `${counted} orders of ${whose(o).replace(' on ', ' were sent on ')} in the last second and the limit is ${l.value} per second`;
  return {
    limit: l.kind,
    message: `Risk limit ${l.kind} breached: ${what}. ${NOTHING_SENT}`,
    details: { limit: l.kind, value: l.value, actual: String(counted) },
  };
}

function positionBreach(o: RiskOrder, l: LimitInForce, c: RiskCounts): RiskBreach | undefined {
  if (l.asset !== o.baseAsset) return undefined;
  const quantity = baseQuantity(o);
  if (quantity === undefined) return priceMissing(l.kind);
  const sign = o.side === 'BUY' ? 1 : -1;
  const signed = quantity.mul(sign);
  const open = new D(c.openSameSide).mul(sign);
  const before = new D(c.filled).plus(open);
  const after = before.plus(signed);
  if (after.abs().lte(l.value) || after.abs().lte(before.abs())) return undefined;
  return {
    limit: l.kind,
    message: `Risk limit ${l.kind} breached: the ${l.asset} position of ${whose(o)} would be ${show(after)} (filled ${show(new D(c.filled))}, open ${show(open)}, this order ${show(signed)}) and the limit is ${l.value}. ${NOTHING_SENT}`,
    details: { limit: l.kind, asset: l.asset, value: l.value, actual: show(after) },
  };
}

function breachOf(o: RiskOrder, l: LimitInForce, c: RiskCounts): RiskBreach | undefined {
  switch (l.kind) {
    case 'max_order_notional':
      return notionalBreach(o, l);
    case 'price_collar_pct':
      return collarBreach(o, l);
    case 'max_open_orders':
      return countBreach(o, l, c.openOrders);
    case 'max_orders_per_second':
      return countBreach(o, l, c.sentLastSecond);
    case 'pause_after_breaches':
      return undefined;
    default:
      return positionBreach(o, l, c);
  }
}

/**
 * The first limit this order would breach (in the order the limits are given), or undefined. Counts
 * are of the other orders; this order is added. An order that brings a position closer to zero passes
 * the position limit even while the position is above it (a limit lowered below today's position must
 * not stop the strategy from reducing it). A limit that needs the reference price when none was read
 * fails closed.
 */
export function riskBreach(
  limits: readonly LimitInForce[],
  order: RiskOrder,
  counts: RiskCounts,
): RiskBreach | undefined {
  for (const l of limits) {
    const breach = breachOf(order, l, counts);
    if (breach === undefined) continue;
    if (l.byDefault !== true) return breach;
    return {
      limit: breach.limit,
      message: breach.message.replace(
        NOTHING_SENT,
        `The limit is the ${order.venue} default for every strategy without its own. ${NOTHING_SENT}`,
      ),
      details: { ...breach.details, source: '*' },
    };
  }
  return undefined;
}
