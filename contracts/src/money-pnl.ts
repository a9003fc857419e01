import type { IntentMode } from './intent.js';
import { splitSymbol, type PnlLine, type PnlSeries } from './money.js';
import { Decimal } from 'decimal.js';

/** Enough digits that divisions (average cost, a partial sell's share) lose nothing visible. */
const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
type Dec = InstanceType<typeof Dec>;
/** Decimals shown: the venue's own precision for quote amounts. */
const SHOWN_PLACES = 8;

/** One fill of one of our orders, with the order's side (decimal strings as stored). */
export interface PnlFill {
  readonly venue: IntentMode;
  readonly source: string;
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly tradeId: string;
  readonly qty: string;
  readonly quoteQty: string;
  readonly commission: string;
  readonly commissionAsset: string;
  readonly tradedAt: Date;
}

interface Book {
  readonly line: Omit<
    PnlLine,
    | 'boughtQty'
    | 'soldQty'
    | 'position'
    | 'avgCost'
    | 'realisedPnl'
    | 'unmatchedSellQty'
    | 'fees'
    | 'trades'
  >;
  readonly base: string | undefined;
  trades: number;
  bought: Dec;
  sold: Dec;
  position: Dec;
  cost: Dec;
  realised: Dec;
  unmatched: Dec;
  readonly fees: Map<string, Dec>;
}

export interface PnlResult {
  readonly lines: PnlLine[];
  readonly series: PnlSeries[];
}

const shown = (d: Dec): string => {
  const r = d.toDecimalPlaces(SHOWN_PLACES);
  return r.isZero() ? '0' : r.toFixed();
};

/** Time order; trades of one venue and symbol at the same moment by their (numeric) trade id. */
function byTime(a: PnlFill, b: PnlFill): number {
  const t = a.tradedAt.getTime() - b.tradedAt.getTime();
  if (t !== 0) return t;
  const key = (f: PnlFill) => `${f.venue} ${f.symbol} ${f.tradeId.padStart(20, '0')}`;
  return Number(key(a) > key(b)) - Number(key(a) < key(b));
}

function newBook(f: PnlFill): Book {
  const split = splitSymbol(f.symbol);
  return {
    line: { venue: f.venue, source: f.source, symbol: f.symbol, quoteAsset: split?.quote ?? null },
    base: split?.base,
    trades: 0,
    bought: new Dec(0),
    sold: new Dec(0),
    position: new Dec(0),
    cost: new Dec(0),
    realised: new Dec(0),
    unmatched: new Dec(0),
    fees: new Map(),
  };
}

/**
 * A buy adds its quantity and what it cost. A fee in the base asset is quantity not received (the
 * cost stays, so the average cost rises); a fee in the quote asset adds to the cost; a fee in a third
 * asset (BNB) is only counted in `fees`.
 */
function buy(b: Book, qty: Dec, quote: Dec, fee: Dec, feeIn: 'base' | 'quote' | 'other'): void {
  b.bought = b.bought.plus(qty);
  b.position = b.position.plus(feeIn === 'base' ? qty.minus(fee) : qty);
  b.cost = b.cost.plus(feeIn === 'quote' ? quote.plus(fee) : quote);
}

/**
 * A sell takes its quantity (and a fee in the base asset) out of the position at the average cost;
 * realised P&L is the proceeds (less a fee in the quote asset) of the part the position covered,
 * minus its cost. What the session had not bought is `unmatched`: no cost basis, so no P&L.
 */
function sell(b: Book, qty: Dec, quote: Dec, fee: Dec, feeIn: 'base' | 'quote' | 'other'): void {
  b.sold = b.sold.plus(qty);
  const out = feeIn === 'base' ? qty.plus(fee) : qty;
  const proceeds = feeIn === 'quote' ? quote.minus(fee) : quote;
  const matched = Dec.min(out, b.position);
  b.unmatched = b.unmatched.plus(out.minus(matched));
  if (matched.isZero()) return;
  const costOut = b.cost.times(matched).div(b.position);
  b.realised = b.realised.plus(proceeds.times(matched).div(out)).minus(costOut);
  b.position = b.position.minus(matched);
  b.cost = b.position.isZero() ? new Dec(0) : b.cost.minus(costOut);
}

function apply(b: Book, f: PnlFill): void {
  const fee = new Dec(f.commission);
  const feeIn =
    b.base === undefined
      ? 'other'
      : f.commissionAsset === b.base
        ? 'base'
        : f.commissionAsset === b.line.quoteAsset
          ? 'quote'
          : 'other';
  b.trades += 1;
  if (!fee.isZero()) {
    b.fees.set(f.commissionAsset, (b.fees.get(f.commissionAsset) ?? new Dec(0)).plus(fee));
  }
  (f.side === 'BUY' ? buy : sell)(b, new Dec(f.qty), new Dec(f.quoteQty), fee, feeIn);
}

function lineOf(b: Book): PnlLine {
  return {
    ...b.line,
    trades: b.trades,
    boughtQty: shown(b.bought),
    soldQty: shown(b.sold),
    position: shown(b.position),
    avgCost: b.position.isZero() ? '0' : shown(b.cost.div(b.position)),
    realisedPnl: shown(b.realised),
    unmatchedSellQty: shown(b.unmatched),
    fees: Object.fromEntries(
      [...b.fees].sort(([x], [y]) => Number(x > y) - Number(x < y)).map(([a, d]) => [a, shown(d)]),
    ),
  };
}

/**
 * Realised P&L and fees per (venue, strategy, symbol) from the session's fills, by average cost in
 * time order (the order the fills are given in does not matter), and the cumulative realised P&L
 * per (venue, quote asset) over time: one point per fill that changed it.
 */
export function realisedPnl(fills: readonly PnlFill[]): PnlResult {
  const books = new Map<string, Book>();
  const series = new Map<string, { series: PnlSeries; total: Dec }>();
  for (const f of [...fills].sort(byTime)) {
    const key = `${f.venue}\u0000${f.source}\u0000${f.symbol}`;
    const book = books.get(key) ?? newBook(f);
    books.set(key, book);
    const before = book.realised;
    apply(book, f);
    const delta = book.realised.minus(before);
    if (delta.isZero()) continue;
    const sKey = `${f.venue}\u0000${book.line.quoteAsset ?? ''}`;
    const s = series.get(sKey) ?? {
      series: { venue: f.venue, quoteAsset: book.line.quoteAsset, points: [] },
      total: new Dec(0),
    };
    series.set(sKey, s);
    s.total = s.total.plus(delta);
    s.series.points.push({ at: f.tradedAt.toISOString(), pnl: shown(s.total) });
  }
  return {
    lines: [...books.values()].map(lineOf),
    series: [...series.values()].map((s) => s.series),
  };
}
