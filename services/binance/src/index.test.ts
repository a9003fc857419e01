import { describe, expect, it } from 'vitest';
import * as binance from './index.js';

describe('@livegate/binance public surface', () => {
  it('exports the adapter factory, client order id helpers, schemas and the library client', () => {
    expect(Object.keys(binance)).toEqual(
      expect.arrayContaining([
        'CLIENT_ORDER_ID_PREFIX',
        'TERMINAL_STATUSES',
        'VenueConfigError',
        'clientOrderIdFor',
        'createBinanceSpotAdapter',
        'createLibraryClient',
        'isOurClientOrderId',
        'openUserDataStream',
        'placeOrderRequestSchema',
        'venueConfigSchema',
      ]),
    );
    expect(binance.isOurClientOrderId(binance.clientOrderIdFor('any intent'))).toBe(true);
  });
});
