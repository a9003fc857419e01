import type { Hono } from 'hono';
import { bookLevels, type BookLevel } from '../book.js';
import { Dec, fmt8 } from '../decimal.js';
import type { SimState } from '../state.js';
import { adminError, parseBody } from './respond.js';
import { depthBodySchema, type SimBookView } from './schemas.js';

const BOOK_LEVELS = 20;
const levelsView = (levels: readonly BookLevel[]): [string, string][] =>
  levels.map((l) => [fmt8(l.price), fmt8(l.qty)]);

/** `POST /depth` sets a symbol's synthetic levels; `GET /book/:symbol` shows the book. */
export function bookRoutes(admin: Hono, state: SimState): void {
  admin.post('/depth', async (c) => {
    const body = await parseBody(c, depthBodySchema);
    if (!body.ok) return body.response;
    const { symbol, levels } = body.value;
    if (!state.specs.has(symbol))
      return adminError(c, 404, 'UNKNOWN_SYMBOL', 'the symbol is not listed');
    state.depth.set(
      symbol,
      levels === null
        ? undefined
        : levels.map((l) => ({ offset: new Dec(l.offset), qty: new Dec(l.qty) })),
    );
    state.events.emit({ type: 'book', symbol });
    return c.json({ symbol, levels });
  });

  admin.get('/book/:symbol', (c) => {
    const symbol = c.req.param('symbol');
    if (!state.specs.has(symbol))
      return adminError(c, 404, 'UNKNOWN_SYMBOL', 'the symbol is not listed');
    return c.json({
      symbol,
      lastPrice: fmt8(state.prices.get(symbol)),
      bids: levelsView(bookLevels(state, symbol, 'BUY', BOOK_LEVELS)),
      asks: levelsView(bookLevels(state, symbol, 'SELL', BOOK_LEVELS)),
    } satisfies SimBookView);
  });
}
