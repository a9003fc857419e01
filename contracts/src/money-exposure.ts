import { Decimal } from 'decimal.js';
import type { IntentMode } from './intent.js';
import { splitSymbol, type ExposureLine } from './money.js';

/** A strategy's net filled base quantity on one symbol (bought − sold), as a decimal string. */
export interface FilledNet {
  readonly venue: IntentMode;
  readonly source: string;
  readonly symbol: string;
  readonly net: string;
}

/** The unfilled base quantity of a strategy's open orders on one symbol and side. */
export interface OpenRest {
  readonly venue: IntentMode;
  readonly source: string;
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly rest: string;
}

interface Acc {
  readonly key: Pick<ExposureLine, 'venue' | 'source' | 'asset'>;
  position: Decimal;
  openBuy: Decimal;
  openSell: Decimal;
}

const plain = (d: Decimal): string => (d.isZero() ? '0' : d.toFixed());

/**
 * Open exposure per (venue, strategy, base asset): the net filled position summed over every symbol
 * with that base asset, the open orders' unfilled quantity per side, and the position if every open
 * BUY (or every open SELL) filled. A symbol whose quote asset is not known counts as its own asset.
 */
export function exposureLines(
  filled: readonly FilledNet[],
  open: readonly OpenRest[],
): ExposureLine[] {
  const accs = new Map<string, Acc>();
  const accOf = (r: { venue: IntentMode; source: string; symbol: string }): Acc => {
    const asset = splitSymbol(r.symbol)?.base ?? r.symbol;
    const key = `${r.venue}\u0000${r.source}\u0000${asset}`;
    const acc = accs.get(key) ?? {
      key: { venue: r.venue, source: r.source, asset },
      position: new Decimal(0),
      openBuy: new Decimal(0),
      openSell: new Decimal(0),
    };
    accs.set(key, acc);
    return acc;
  };
  for (const f of filled) {
    const acc = accOf(f);
    acc.position = acc.position.plus(f.net);
  }
  for (const o of open) {
    const acc = accOf(o);
    if (o.side === 'BUY') acc.openBuy = acc.openBuy.plus(o.rest);
    else acc.openSell = acc.openSell.plus(o.rest);
  }
  return [...accs.values()]
    .filter((a) => !(a.position.isZero() && a.openBuy.isZero() && a.openSell.isZero()))
    .map((a) => ({
      ...a.key,
      position: plain(a.position),
      openBuy: plain(a.openBuy),
      openSell: plain(a.openSell),
      ifBuysFill: plain(a.position.plus(a.openBuy)),
      ifSellsFill: plain(a.position.minus(a.openSell)),
    }));
}
