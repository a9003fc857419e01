import { describe, expect, it } from 'vitest';
import { loadDbConfig, serviceDatabaseEnv } from './config.js';

describe('loadDbConfig', () => {
  it('defaults DATABASE_URL to the local livegate database, also when empty', () => {
    const expected = { databaseUrl: 'postgres://postgres@127.0.0.1:5432/livegate' };
    expect(loadDbConfig({})).toEqual(expected);
    expect(loadDbConfig({ DATABASE_URL: '' })).toEqual(expected);
  });

  it('takes DATABASE_URL as given and freezes the result', () => {
    const cfg = loadDbConfig({ DATABASE_URL: 'postgres://app@db:5433/x' });
    expect(cfg.databaseUrl).toBe('postgres://app@db:5433/x');
    expect(Object.isFrozen(cfg)).toBe(true);
  });

  it("defaults a service's DATABASE_URL to its own role", () => {
    expect(serviceDatabaseEnv('gateway').DATABASE_URL.parse(undefined)).toBe(
      'postgres://livegate_gateway@127.0.0.1:5432/livegate',
    );
  });
});
