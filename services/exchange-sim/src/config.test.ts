import { ConfigError } from '@livegate/runtime';
import { describe, expect, it } from 'vitest';
import { loadSimConfig } from './config.js';

const ACCOUNTS = [
  { apiKey: 'lgdevpaper', apiSecret: 'paper-secret', balances: { USDT: '100000', BTC: '2' } },
  { apiKey: 'lgdevlive', apiSecret: 'live-secret', takerCommission: '0.002' },
];

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadSimConfig - defaults and values', () => {
  it('defaults to a free port on loopback, no accounts, the symbols’ own prices', () => {
    expect(loadSimConfig({ argv: [], env: {} })).toEqual({
      port: 0,
      host: '127.0.0.1',
      adminToken: undefined,
      seed: undefined,
      walkMs: undefined,
      accounts: [],
      prices: {},
    });
  });

  it('reads the options (after a leading `--` from pnpm) and the SIM_* variables; empty counts as unset', () => {
    const config = loadSimConfig({
      argv: ['--', '--port', '8090', '--host', '0.0.0.0', '--seed', '7', '--walk-ms', '500'],
      env: {
        SIM_ADMIN_TOKEN: 'admin-1',
        SIM_ACCOUNTS: JSON.stringify(ACCOUNTS),
        SIM_PRICES: '{"BTCUSDT":"65000.00","ETHUSDT":"3200"}',
        UNRELATED: 'x',
      },
    });
    expect(config).toEqual({
      port: 8090,
      host: '0.0.0.0',
      adminToken: 'admin-1',
      seed: 7,
      walkMs: 500,
      accounts: [
        { ...ACCOUNTS[0], makerCommission: '0.001', takerCommission: '0.001' },
        {
          ...ACCOUNTS[1],
          balances: {},
          makerCommission: '0.001',
          takerCommission: '0.002',
        },
      ],
      prices: { BTCUSDT: '65000.00', ETHUSDT: '3200' },
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(
      loadSimConfig({ argv: [], env: { SIM_ACCOUNTS: '', SIM_ADMIN_TOKEN: '' } }),
    ).toMatchObject({ accounts: [], adminToken: undefined });
  });
});

describe('loadSimConfig - refusals', () => {
  it('names every bad option', () => {
    const err = errorOf(() =>
      loadSimConfig({
        argv: ['--port', '70000', '--host', '', '--seed', '1.5', '--walk-ms', '0'],
        env: {},
      }),
    );
    expect(err.issues).toEqual([
      '--port is at most 65535',
      '--host takes a host name or address',
      '--seed takes a whole number',
      '--walk-ms is at least 1',
    ]);
  });

  it('refuses an unknown option or a stray argument with the usage', () => {
    expect(errorOf(() => loadSimConfig({ argv: ['--accounts', 'x'], env: {} })).message).toMatch(
      /Unknown option '--accounts'.*usage: exchange-sim/,
    );
    expect(errorOf(() => loadSimConfig({ argv: ['8090'], env: {} })).message).toMatch(
      /Unexpected argument '8090'.*usage: exchange-sim/,
    );
  });

  it('names the variable and the field of a bad SIM_ACCOUNTS or SIM_PRICES', () => {
    expect(errorOf(() => loadSimConfig({ argv: [], env: { SIM_ACCOUNTS: '[{' } })).issues).toEqual([
      'SIM_ACCOUNTS: not valid JSON',
    ]);
    const err = errorOf(() =>
      loadSimConfig({
        argv: [],
        env: {
          SIM_ACCOUNTS: JSON.stringify([
            { apiKey: 'has-dash', apiSecret: 's' },
            { apiKey: 'k1', apiSecret: '', balances: { usdt: '1' } },
            { apiKey: 'k1', apiSecret: 's', balances: { BTC: '-1' }, extra: true },
          ]),
          SIM_PRICES: '{"BTCUSDT":"0","ETHUSDT":60000}',
        },
      }),
    );
    expect(err.issues).toEqual([
      'SIM_ACCOUNTS.0.apiKey: 1–64 letters or digits',
      'SIM_ACCOUNTS.1.apiSecret: Too small: expected string to have >=1 characters',
      'SIM_ACCOUNTS.1.balances.usdt: Invalid key in record',
      'SIM_ACCOUNTS.2.balances.BTC: a non-negative decimal string',
      'SIM_ACCOUNTS.2: Unrecognized key: "extra"',
      'SIM_PRICES.BTCUSDT: must be greater than 0',
      'SIM_PRICES.ETHUSDT: Invalid input: expected string, received number',
    ]);
  });

  it('refuses the same API key twice', () => {
    const twice = JSON.stringify([
      { apiKey: 'k1', apiSecret: 'a' },
      { apiKey: 'k1', apiSecret: 'b' },
    ]);
    expect(errorOf(() => loadSimConfig({ argv: [], env: { SIM_ACCOUNTS: twice } })).issues).toEqual(
      ['SIM_ACCOUNTS.1.apiKey: k1 is listed twice'],
    );
  });
});
