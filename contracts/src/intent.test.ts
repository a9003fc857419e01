import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  intentFingerprint,
  intentFingerprintFields,
  orderIntentSchema,
  type OrderIntent,
} from './intent.js';
import { parseResult } from './issues.js';

const limit: OrderIntent = {
  intentId: 'strat1-0001',
  mode: 'paper',
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  quantity: '0.010',
  price: '65000.50',
  timeInForce: 'GTC',
  source: 'strat1',
  createdAt: '2026-01-31T12:00:00.000Z',
};
const market = { ...limit, type: 'MARKET', price: undefined, timeInForce: undefined };

const issuesOf = (value: unknown) => {
  const result = parseResult(orderIntentSchema, value);
  return result.ok ? [] : result.issues;
};

describe('orderIntentSchema', () => {
  it('accepts a LIMIT, a MARKET by quantity or by quote amount, and a LIMIT_MAKER', () => {
    expect(orderIntentSchema.parse(limit)).toEqual(limit);
    expect(issuesOf(market)).toEqual([]);
    expect(issuesOf({ ...market, quantity: undefined, quoteOrderQty: '100' })).toEqual([]);
    expect(
      issuesOf({ ...limit, type: 'LIMIT_MAKER', timeInForce: undefined, mode: 'live' }),
    ).toEqual([]);
  });

  it('accepts an expiry after creation, with offsets compared as instants', () => {
    expect(
      issuesOf({
        ...limit,
        createdAt: '2026-01-31T14:00:00+02:00',
        expiresAt: '2026-01-31T12:00:01Z',
      }),
    ).toEqual([]);
  });

  it('says which fields are missing', () => {
    expect(issuesOf({})).toEqual([
      'intentId: required',
      'mode: required',
      'symbol: required',
      'side: required',
      'type: required',
      'source: required',
      'createdAt: required',
    ]);
  });

  it('refuses malformed fields with the field named', () => {
    const bad = {
      ...limit,
      intentId: 'has space',
      mode: 'LIVE',
      symbol: 'btcusdt',
      side: 'buy',
      quantity: '0',
      price: '-1',
      timeInForce: 'DAY',
      source: 'x'.repeat(33),
      createdAt: '2026-01-31 12:00',
    };
    expect(issuesOf(bad)).toEqual([
      'intentId: must be 1 to 64 characters of A-Z, a-z, 0-9, "_" or "-"',
      'mode: Invalid option: expected one of "paper"|"live"',
      'symbol: must be 5 to 20 uppercase letters or digits, e.g. "BTCUSDT"',
      'side: Invalid option: expected one of "BUY"|"SELL"',
      'quantity: must be greater than 0',
      'price: must not have a sign',
      'timeInForce: Invalid option: expected one of "GTC"|"IOC"|"FOK"',
      'source: must be 1 to 32 characters of A-Z, a-z, 0-9, "_" or "-"',
      'createdAt: must be an ISO 8601 date-time with offset, e.g. "2026-01-31T12:00:00.000Z"',
    ]);
  });

  it('refuses an unknown order type without checking its shape', () => {
    expect(issuesOf({ ...limit, type: 'STOP_LOSS' })).toEqual([
      'type: Invalid option: expected one of "LIMIT"|"MARKET"|"LIMIT_MAKER"',
    ]);
  });

  it('refuses amounts sent as numbers', () => {
    expect(issuesOf({ ...limit, quantity: 0.01 })).toEqual([
      'quantity: must be a decimal string such as "12.5", not a number or other type',
    ]);
  });

  it('refuses unknown keys instead of dropping them', () => {
    expect(issuesOf({ ...limit, stopPrice: '1' })).toEqual(['Unrecognized key: "stopPrice"']);
  });

  it('requires quantity, price and timeInForce on LIMIT, and no quote amount', () => {
    expect(
      issuesOf({ ...limit, quantity: undefined, price: undefined, timeInForce: undefined }),
    ).toEqual([
      'quantity: required for a LIMIT order',
      'price: required for a LIMIT order',
      'timeInForce: required for a LIMIT order',
    ]);
    expect(issuesOf({ ...limit, quoteOrderQty: '10' })).toEqual([
      'quoteOrderQty: not allowed on a LIMIT order',
    ]);
  });

  it('requires exactly one of quantity and quoteOrderQty on MARKET, and no price or timeInForce', () => {
    expect(issuesOf({ ...market, quoteOrderQty: '10' })).toEqual([
      'quantity: a MARKET order takes exactly one of quantity or quoteOrderQty, not both',
    ]);
    expect(issuesOf({ ...market, quantity: undefined })).toEqual([
      'quantity: a MARKET order takes exactly one of quantity or quoteOrderQty, neither was given',
    ]);
    expect(issuesOf({ ...market, price: '1', timeInForce: 'IOC' })).toEqual([
      'price: not allowed on a MARKET order',
      'timeInForce: not allowed on a MARKET order',
    ]);
  });

  it('requires quantity and price on LIMIT_MAKER, and no timeInForce or quote amount', () => {
    const maker = { ...limit, type: 'LIMIT_MAKER', timeInForce: undefined };
    expect(issuesOf({ ...maker, quantity: undefined, price: undefined })).toEqual([
      'quantity: required for a LIMIT_MAKER order',
      'price: required for a LIMIT_MAKER order',
    ]);
    expect(issuesOf({ ...maker, timeInForce: 'GTC', quoteOrderQty: '5' })).toEqual([
      'quoteOrderQty: not allowed on a LIMIT_MAKER order',
      'timeInForce: not allowed on a LIMIT_MAKER order',
    ]);
  });

  it('refuses an expiry at or before creation', () => {
    expect(issuesOf({ ...limit, expiresAt: limit.createdAt })).toEqual([
      'expiresAt: must be after createdAt',
    ]);
    expect(issuesOf({ ...limit, expiresAt: '2026-01-31T13:00:00+02:00' })).toEqual([
      'expiresAt: must be after createdAt',
    ]);
  });

  it('is a named OpenAPI component', () => {
    expect(z.globalRegistry.get(orderIntentSchema)?.id).toBe('OrderIntent');
  });
});

describe('intentFingerprint', () => {
  it('keeps only the economic fields, decimals normalised, absent ones null', () => {
    expect(intentFingerprintFields(limit)).toEqual({
      mode: 'paper',
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      quantity: '0.01',
      quoteOrderQty: null,
      price: '65000.5',
      timeInForce: 'GTC',
    });
  });

  it('is the same for the same order spelt differently or sent later by another source', () => {
    const again = {
      ...limit,
      intentId: 'other',
      source: 'strat2',
      quantity: '0.01',
      price: '65000.500',
      createdAt: '2027-01-01T00:00:00Z',
    };
    expect(intentFingerprint(again)).toBe(intentFingerprint(limit));
    expect(intentFingerprint(limit)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the hex SHA-256 of the canonical JSON, fixed so stored fingerprints never change', () => {
    // Known vectors: computed once with node:crypto, and by `sha256sum` of the canonical string.
    expect(JSON.stringify(intentFingerprintFields(limit))).toBe(
      '{"mode":"paper","symbol":"BTCUSDT","side":"BUY","type":"LIMIT","quantity":"0.01","quoteOrderQty":null,"price":"65000.5","timeInForce":"GTC"}',
    );
    expect(intentFingerprint(limit)).toBe(
      '1226b0b07e5ee7772032cd6014968138bd28f4b521622a7b5610b67fe24305b6',
    );
    expect(
      intentFingerprint({
        mode: 'live',
        symbol: 'ETHUSDT',
        side: 'SELL',
        type: 'MARKET',
        quoteOrderQty: '100.00',
      }),
    ).toBe('8dc4ef7f66895095ce4954d88da8816c26b7385f292c41ac9b0f7f84f2bd6d75');
  });

  it('differs when any economic field differs', () => {
    const base = intentFingerprint(limit);
    const variants: OrderIntent[] = [
      { ...limit, mode: 'live' },
      { ...limit, symbol: 'ETHUSDT' },
      { ...limit, side: 'SELL' },
      { ...limit, type: 'LIMIT_MAKER', timeInForce: undefined },
      { ...limit, quantity: '0.02' },
      { ...limit, price: '65000.51' },
      { ...limit, timeInForce: 'IOC' },
      {
        ...limit,
        type: 'MARKET',
        price: undefined,
        timeInForce: undefined,
        quantity: undefined,
        quoteOrderQty: '0.01',
      },
    ];
    const prints = variants.map(intentFingerprint);
    expect(new Set([base, ...prints]).size).toBe(variants.length + 1);
  });
});
