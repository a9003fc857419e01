import { clientOrderIdFor } from '../../services/binance/src/index.js';
import { intentFingerprint, intentKeyString, type OrderIntent } from '../../contracts/src/index.js';
import type { Rng } from './rng.js';

/** A listed symbol as the storm trades it: prices in integer cents, quantities in integer steps. */
interface Market {
  readonly symbol: string;
  readonly startCents: number;
  /** Decimals of the LOT_SIZE step (BTC 0.00001 → 5). */
  readonly qtyDecimals: number;
}

export const MARKETS: readonly Market[] = [
  { symbol: 'BTCUSDT', startCents: 6_000_000, qtyDecimals: 5 },
  { symbol: 'ETHUSDT', startCents: 300_000, qtyDecimals: 4 },
  { symbol: 'BNBUSDT', startCents: 60_000, qtyDecimals: 3 },
];

/** `units` scaled down by 10^decimals as a decimal string (integers only, no float rounding). */
export function fixed(units: number, decimals: number): string {
  const digits = String(units).padStart(decimals + 1, '0');
  return decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** How one intent is published: the original, then maybe replays and a reused key. */
export interface PlannedIntent {
  readonly seq: number;
  readonly intent: OrderIntent;
  readonly fingerprint: string;
  readonly clientOrderId: string;
  /** Publish again with the same message id (JetStream dedup, or Postgres once the id is forgotten). */
  readonly replaySameMsgId: boolean;
  /** Publish again under another message id: only Postgres can tell it is the same intent. */
  readonly replayNewMsgId: boolean;
  /** Same intent id, other economic fields: must be refused IDEMPOTENCY_KEY_REUSED. */
  readonly reuse: OrderIntent | undefined;
}

export interface IntentFactory {
  /** The next intent, created at `createdAt`, priced against the current `prices` (cents). */
  next(createdAt: number, prices: ReadonlyMap<string, number>): PlannedIntent;
}

const SOURCES = ['chaos-trend', 'chaos-mean', 'chaos-grid'] as const;

type Shape = Pick<OrderIntent, 'type' | 'quantity' | 'quoteOrderQty' | 'price' | 'timeInForce'>;

function shapeOf(rng: Rng, market: Market, side: 'BUY' | 'SELL', cents: number): Shape {
  const notionalCents = rng.int(20, 150) * 100;
  const qtyUnits = Math.max(1, Math.floor((notionalCents * 10 ** market.qtyDecimals) / cents));
  const quantity = fixed(qtyUnits, market.qtyDecimals);
  const sign = side === 'BUY' ? 1 : -1;
  // Marketable: 1 % through the last price. Resting: 0.2–0.8 % away (the price walk reaches some).
  const through = fixed(cents + sign * Math.ceil(cents / 100), 2);
  const resting = fixed(cents - sign * Math.ceil((cents * rng.int(2, 8)) / 1000), 2);
  const roll = rng.next();
  if (roll < 0.25) return { type: 'MARKET', quantity };
  if (roll < 0.35) return { type: 'MARKET', quoteOrderQty: fixed(notionalCents, 2) };
  if (roll < 0.55) return { type: 'LIMIT', quantity, price: through, timeInForce: 'GTC' };
  if (roll < 0.8) return { type: 'LIMIT', quantity, price: resting, timeInForce: 'GTC' };
  if (roll < 0.9) return { type: 'LIMIT', quantity, price: through, timeInForce: 'IOC' };
  return { type: 'LIMIT_MAKER', quantity, price: resting };
}

/** The same key with other economic fields (another quantity or quote amount). */
function reusedBody(intent: OrderIntent): OrderIntent {
  const { quantity, quoteOrderQty } = intent;
  if (quoteOrderQty !== undefined) return { ...intent, quoteOrderQty: `${quoteOrderQty}1` };
  return { ...intent, quantity: `${quantity ?? '1'}1` };
}

/**
 * Intents of a storm run: 40 % live, a mix of MARKET, marketable and resting LIMIT, IOC and
 * LIMIT_MAKER on three symbols; 20 % replayed under the same message id, 5 % under a new one, 2 %
 * followed by a reused key.
 */
export function createIntentFactory(rng: Rng, runId: string): IntentFactory {
  let seq = 0;
  return {
    next(createdAt, prices) {
      seq += 1;
      const market = rng.pick(MARKETS);
      const side = rng.chance(0.5) ? 'BUY' : 'SELL';
      const cents = prices.get(market.symbol) ?? market.startCents;
      const intent: OrderIntent = {
        intentId: `${runId}-${seq}`,
        mode: rng.chance(0.4) ? 'live' : 'paper',
        symbol: market.symbol,
        side,
        ...shapeOf(rng, market, side, cents),
        source: rng.pick(SOURCES),
        createdAt: new Date(createdAt).toISOString(),
      };
      const replaySameMsgId = rng.chance(0.2);
      const replayNewMsgId = rng.chance(0.05);
      const reuse = rng.chance(0.02) ? reusedBody(intent) : undefined;
      return {
        seq,
        intent,
        fingerprint: intentFingerprint(intent),
        clientOrderId: clientOrderIdFor(intentKeyString(intent)),
        replaySameMsgId,
        replayNewMsgId,
        reuse,
      };
    },
  };
}
