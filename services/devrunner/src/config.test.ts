import { ConfigError } from '@livegate/runtime';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const base = { argv: [], root: '/repo', isTTY: false, isRoot: false } as const;

describe('config - defaults', () => {
  it('leaves NATS_URL and DATABASE_URL unset so the runner resolves them, with local defaults', () => {
    const cfg = loadConfig({ ...base, env: {} });
    expect(cfg).toMatchObject({
      root: '/repo',
      dataDir: '/repo/.data',
      natsUrl: undefined,
      databaseUrl: undefined,
      serviceDatabaseUrls: {},
      natsListenUrl: 'nats://127.0.0.1:4223',
      natsCredentialsFile: undefined,
      strategies: [],
      probe: { databaseUrl: 'postgres://postgres@127.0.0.1:5432/livegate' },
      localPgPort: 5433,
      pgRunAs: undefined,
      pathDirs: [],
      namespace: '',
      logLevel: 'info',
      pretty: false,
      ports: { sim: 8090, gateway: 8080, web: 5173 },
      services: 'all',
      killTimeoutMs: 5000,
      restart: { backoff: { initialMs: 1_000, maxMs: 30_000 }, stableMs: 60_000 },
      readyTimeoutMs: 30_000,
      setupOnly: false,
      proxySecret: undefined,
    });
    expect(Object.isFrozen(cfg)).toBe(true);
  });

  it('pretty-prints in a terminal unless LOG_FORMAT says otherwise', () => {
    expect(loadConfig({ ...base, isTTY: true, env: {} }).pretty).toBe(true);
    expect(loadConfig({ ...base, isTTY: true, env: { LOG_FORMAT: 'json' } }).pretty).toBe(false);
    expect(loadConfig({ ...base, isTTY: false, env: { LOG_FORMAT: 'pretty' } }).pretty).toBe(true);
  });
});

describe('config - values', () => {
  it('takes every variable it knows', () => {
    const cfg = loadConfig({
      ...base,
      argv: ['--setup'],
      env: {
        NATS_URL: 'nats://nats:4222',
        DATABASE_URL: 'postgresql://u:p@db:5432/x',
        EXECUTION_DATABASE_URL: 'postgres://ex:1@db/x',
        RECONCILER_DATABASE_URL: 'postgres://re:2@db/x',
        ARMING_DATABASE_URL: 'postgres://ar:3@db/x',
        GATEWAY_DATABASE_URL: 'postgres://gw:4@db/x',
        LIVEGATE_NAMESPACE: 't_1',
        LIVEGATE_DATA_DIR: 'var/data',
        LIVEGATE_PG_PORT: '6000',
        LIVEGATE_NATS_PORT: '4999',
        NATS_CREDENTIALS_FILE: '/etc/livegate/nats.json',
        LIVEGATE_STRATEGIES: 'alpha,beta',
        LOG_LEVEL: 'debug',
        SIM_PORT: '1',
        GATEWAY_PORT: '2',
        WEB_PORT: '3',
        LIVE_VENUE_URL: 'https://api.binance.com',
        INTENT_DUPLICATE_WINDOW_MS: '1000',
        DEVRUNNER_SERVICES: 'exchange-sim,gateway',
        DEVRUNNER_KILL_TIMEOUT_MS: '10',
        DEVRUNNER_RESTART_DELAY_MS: '20',
        DEVRUNNER_RESTART_MAX_DELAY_MS: '80',
        DEVRUNNER_RESTART_STABLE_MS: '500',
        DEVRUNNER_READY_TIMEOUT_MS: '20',
        GATEWAY_PROXY_SECRET: 'g'.repeat(32),
      },
    });
    expect(cfg).toMatchObject({
      proxySecret: 'g'.repeat(32),
      natsUrl: 'nats://nats:4222',
      databaseUrl: 'postgresql://u:p@db:5432/x',
      serviceDatabaseUrls: {
        execution: 'postgres://ex:1@db/x',
        reconciler: 'postgres://re:2@db/x',
        arming: 'postgres://ar:3@db/x',
        gateway: 'postgres://gw:4@db/x',
      },
      namespace: 't_1',
      dataDir: '/repo/var/data',
      localPgPort: 6000,
      natsListenUrl: 'nats://127.0.0.1:4999',
      natsCredentialsFile: '/etc/livegate/nats.json',
      strategies: ['alpha', 'beta'],
      logLevel: 'debug',
      ports: { sim: 1, gateway: 2, web: 3 },
      liveVenueUrl: 'https://api.binance.com',
      intentDuplicateWindowMs: 1000,
      services: ['exchange-sim', 'gateway'],
      killTimeoutMs: 10,
      restart: { backoff: { initialMs: 20, maxMs: 80 }, stableMs: 500 },
      readyTimeoutMs: 20,
      setupOnly: true,
    });
  });

  it('runs the private Postgres cluster as postgres when root, and splits PATH', () => {
    const cfg = loadConfig({ ...base, isRoot: true, env: { PATH: '/usr/bin::/bin' } });
    expect(cfg.pgRunAs).toBe('postgres');
    expect(cfg.pathDirs).toEqual(['/usr/bin', '/bin']);
  });

  it('keeps an absolute data dir and reads "none" as no services', () => {
    const cfg = loadConfig({
      ...base,
      env: { LIVEGATE_DATA_DIR: '/tmp/d', DEVRUNNER_SERVICES: 'none' },
    });
    expect(cfg.dataDir).toBe('/tmp/d');
    expect(cfg.services).toEqual([]);
  });
});

describe('config - refusals', () => {
  function failure(env: Record<string, string>): ConfigError {
    try {
      loadConfig({ ...base, env });
    } catch (err) {
      if (err instanceof ConfigError) return err;
      throw err;
    }
    throw new Error('expected a ConfigError');
  }

  it('names a bad NATS_URL or DATABASE_URL in one line without echoing the value', () => {
    const nats = failure({ NATS_URL: 'http://secret-host:4222' });
    expect(nats.issues).toEqual(['NATS_URL: not a valid URL (expected nats://host:4222)']);
    expect(nats.message).not.toContain('secret-host');
    const db = failure({ DATABASE_URL: 'mysql://root:hunter2@h/x' });
    expect(db.message).toBe(
      'invalid configuration: DATABASE_URL: not a valid URL (expected postgres://user@host:5432/database)',
    );
    expect(db.message).not.toContain('hunter2');
    expect(failure({ DATABASE_URL: '::' }).issues[0]).toMatch(/^DATABASE_URL: /);
  });

  it('refuses namespaces, ports and service lists that would break names', () => {
    const err = failure({
      LIVEGATE_NAMESPACE: 'a.b',
      SIM_PORT: '70000',
      DEVRUNNER_SERVICES: 'a,,b',
    });
    expect(err.issues.map((i) => i.split(':')[0])).toEqual([
      'LIVEGATE_NAMESPACE',
      'SIM_PORT',
      'DEVRUNNER_SERVICES',
    ]);
  });

  it('takes `pnpm start -- --setup` (pnpm passes the `--` on) as `pnpm start --setup`', () => {
    expect(loadConfig({ ...base, argv: ['--', '--setup'], env: {} }).setupOnly).toBe(true);
    expect(loadConfig({ ...base, argv: ['--'], env: {} }).setupOnly).toBe(false);
    expect(() => loadConfig({ ...base, argv: ['--', '--nope'], env: {} })).toThrow(
      'unknown argument --nope (only --setup is accepted)',
    );
  });

  it('refuses unknown arguments', () => {
    expect(() => loadConfig({ ...base, argv: ['--nope'], env: {} })).toThrow(
      'unknown argument --nope (only --setup is accepted)',
    );
  });
});
