import { describe, expect, it } from 'vitest';
import {
  DEV_ACCOUNT_BALANCES,
  DEV_VENUE_ACCOUNTS,
  SERVICE_REGISTRY,
  createStackContext,
  commonEnv,
  resolveEntry,
  selectServices,
  type ServiceEntry,
  type StackContext,
} from './registry.js';

const ctx: StackContext = {
  natsUrl: 'nats://127.0.0.1:4222',
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/livegate',
  databaseUrls: {
    execution: 'postgres://livegate_execution@127.0.0.1:5432/livegate',
    reconciler: 'postgres://livegate_reconciler@127.0.0.1:5432/livegate',
    arming: 'postgres://livegate_arming@127.0.0.1:5432/livegate',
    gateway: 'postgres://livegate_gateway@127.0.0.1:5432/livegate',
  },
  natsEnv: { execution: {}, reconciler: {}, arming: {}, gateway: {} },
  namespace: 'ns1',
  logLevel: 'debug',
  ports: { sim: 8090, gateway: 8080, web: 5173 },
  venues: { paper: 'http://127.0.0.1:8090', live: 'http://127.0.0.1:8090' },
  proxySecret: 'dev-proxy-secret-0123456789abcdef',
};

const byName = (name: string): ServiceEntry => {
  const entry = SERVICE_REGISTRY.find((e) => e.name === name);
  if (entry === undefined) throw new Error(`no entry ${name}`);
  return entry;
};

describe('registry - entries', () => {
  it('lists the stack in start order: the venue first, the dashboard last', () => {
    expect(SERVICE_REGISTRY.map((e) => e.name)).toEqual([
      'exchange-sim',
      'arming',
      'reconciler',
      'execution',
      'gateway',
      'web',
    ]);
  });

  it('gives every child the bus, the namespace and JSON logs, but not the administrator login', () => {
    expect(commonEnv(ctx)).toEqual({
      NATS_URL: ctx.natsUrl,
      LIVEGATE_NAMESPACE: 'ns1',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
    });
  });

  it('starts the exchange simulator on the configured port as the venue', () => {
    const spec = resolveEntry(byName('exchange-sim'), ctx, '/repo');
    expect(spec).toEqual({
      name: 'exchange-sim',
      dir: '/repo/services/exchange-sim',
      entry: '/repo/services/exchange-sim/src/main.ts',
      marker: '/repo/services/exchange-sim/src/main.ts',
      args: ['--port', '8090'],
      env: { ...commonEnv(ctx), SIM_ACCOUNTS: expect.any(String), SIM_PRICES: expect.any(String) },
      port: 8090,
      url: 'http://127.0.0.1:8090',
    });
  });

  it('has the simulator create and fund the development accounts and price every symbol', () => {
    const { env } = resolveEntry(byName('exchange-sim'), ctx, '/repo');
    expect(JSON.parse(env.SIM_ACCOUNTS ?? '')).toEqual([
      { ...DEV_VENUE_ACCOUNTS.paper, balances: DEV_ACCOUNT_BALANCES },
      { ...DEV_VENUE_ACCOUNTS.live, balances: DEV_ACCOUNT_BALANCES },
    ]);
    expect(DEV_ACCOUNT_BALANCES.USDT).toBe('100000');
    expect(JSON.parse(env.SIM_PRICES ?? '')).toEqual({
      BTCUSDT: '60000.00',
      ETHUSDT: '3000.00',
      BNBUSDT: '600.00',
      ETHBTC: '0.05000',
    });
  });

  it('points execution and the reconciler at the paper and live venues', () => {
    for (const name of ['execution', 'reconciler']) {
      const spec = resolveEntry(byName(name), ctx, '/repo');
      expect(spec.env).toMatchObject({
        PAPER_VENUE_URL: ctx.venues.paper,
        LIVE_VENUE_URL: ctx.venues.live,
      });
      expect(spec.port).toBeUndefined();
      expect(spec.url).toBeUndefined();
    }
    expect(resolveEntry(byName('arming'), ctx, '/repo').env).toEqual({
      ...commonEnv(ctx),
      DATABASE_URL: ctx.databaseUrls.arming,
    });
  });

  it('hands each service its own NATS credentials, and nobody else', () => {
    const natsEnv = {
      ...ctx.natsEnv,
      arming: { NATS_NKEY_SEED_FILE: '/d/arming/seed', NATS_INBOX_PREFIX: '_INBOX_ns1_arming' },
    };
    const withNats = { ...ctx, natsEnv };
    expect(resolveEntry(byName('arming'), withNats, '/repo').env).toMatchObject(natsEnv.arming);
    expect(resolveEntry(byName('gateway'), withNats, '/repo').env).not.toHaveProperty(
      'NATS_NKEY_SEED_FILE',
    );
    expect(resolveEntry(byName('web'), withNats, '/repo').env).not.toHaveProperty(
      'NATS_INBOX_PREFIX',
    );
  });

  it('logs each service in to the database as its own role; the simulator and the dashboard get none', () => {
    for (const name of ['execution', 'reconciler', 'arming', 'gateway'] as const)
      expect(resolveEntry(byName(name), ctx, '/repo').env.DATABASE_URL).toBe(
        `postgres://livegate_${name}@127.0.0.1:5432/livegate`,
      );
    for (const name of ['exchange-sim', 'web'])
      expect(resolveEntry(byName(name), ctx, '/repo').env).not.toHaveProperty('DATABASE_URL');
  });

  it('gives both the simulator accounts, paper and live apart; a real live venue gets no key', () => {
    for (const name of ['execution', 'reconciler']) {
      expect(resolveEntry(byName(name), ctx, '/repo').env).toMatchObject({
        PAPER_BASE_URL: 'http://127.0.0.1:8090',
        PAPER_API_KEY: DEV_VENUE_ACCOUNTS.paper.apiKey,
        PAPER_API_SECRET: DEV_VENUE_ACCOUNTS.paper.apiSecret,
        LIVE_BASE_URL: 'http://127.0.0.1:8090',
        LIVE_API_KEY: DEV_VENUE_ACCOUNTS.live.apiKey,
        LIVE_API_SECRET: DEV_VENUE_ACCOUNTS.live.apiSecret,
      });
      const real = resolveEntry(
        byName(name),
        { ...ctx, venues: { ...ctx.venues, live: 'https://api.binance.com' } },
        '/repo',
      ).env;
      expect(real).toMatchObject({ LIVE_BASE_URL: 'https://api.binance.com' });
      expect(real).not.toHaveProperty('LIVE_API_KEY');
      expect(real).not.toHaveProperty('LIVE_API_SECRET');
    }
    expect(DEV_VENUE_ACCOUNTS.paper.apiKey).not.toBe(DEV_VENUE_ACCOUNTS.live.apiKey);
  });

  it("gives execution (only) the simulator's venue streams; a real live venue gets none", () => {
    expect(resolveEntry(byName('execution'), ctx, '/repo').env).toMatchObject({
      PAPER_WS_API_URL: 'ws://127.0.0.1:8090/ws-api/v3',
      PAPER_STREAM_URL: 'ws://127.0.0.1:8090',
      LIVE_WS_API_URL: 'ws://127.0.0.1:8090/ws-api/v3',
      LIVE_STREAM_URL: 'ws://127.0.0.1:8090',
    });
    expect(resolveEntry(byName('reconciler'), ctx, '/repo').env).not.toHaveProperty(
      'PAPER_WS_API_URL',
    );
    const real = resolveEntry(
      byName('execution'),
      { ...ctx, venues: { ...ctx.venues, live: 'https://api.binance.com' } },
      '/repo',
    ).env;
    expect(real).toHaveProperty('PAPER_STREAM_URL');
    expect(real).not.toHaveProperty('LIVE_WS_API_URL');
    expect(real).not.toHaveProperty('LIVE_STREAM_URL');
  });

  it('serves the gateway and the dashboard on their ports, the dashboard through vite', () => {
    const gateway = resolveEntry(byName('gateway'), ctx, '/repo');
    expect(gateway).toMatchObject({
      port: 8080,
      url: 'http://127.0.0.1:8080',
      env: {
        GATEWAY_PORT: '8080',
        GATEWAY_ALLOWED_ORIGINS: 'http://127.0.0.1:5173,http://localhost:5173',
        GATEWAY_PROXY_SECRET: ctx.proxySecret,
      },
    });
    const web = resolveEntry(byName('web'), ctx, '/repo');
    expect(web).toMatchObject({
      entry: '/repo/web/node_modules/vite/bin/vite.js',
      marker: '/repo/web/svelte.config.js',
      args: ['dev', '--host', '127.0.0.1', '--port', '5173', '--strictPort'],
      env: { GATEWAY_URL: 'http://127.0.0.1:8080', GATEWAY_PROXY_SECRET: ctx.proxySecret },
      url: 'http://127.0.0.1:5173',
    });
  });
});

describe('registry - context', () => {
  const config = {
    namespace: 'ns1',
    logLevel: 'debug',
    ports: ctx.ports,
    liveVenueUrl: undefined,
    proxySecret: ctx.proxySecret,
    serviceDatabaseUrls: {},
  };

  it('makes the simulator the paper venue and, by default, the live one', () => {
    expect(
      createStackContext({ config, natsUrl: ctx.natsUrl, databaseUrl: ctx.databaseUrl }),
    ).toEqual(ctx);
  });

  it('generates the proxy secret the gateway and the dashboard share when GATEWAY_PROXY_SECRET is unset', () => {
    const made = (proxySecret: string | undefined) =>
      createStackContext({
        config: { ...config, proxySecret },
        natsUrl: 'n',
        databaseUrl: ctx.databaseUrl,
      }).proxySecret;
    const first = made(undefined);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(made(undefined)).not.toBe(first);
  });

  it('takes a service login from its <SERVICE>_DATABASE_URL when set', () => {
    const own = 'postgres://gw:secret@db.internal:5432/livegate';
    const made = createStackContext({
      config: { ...config, serviceDatabaseUrls: { gateway: own } },
      natsUrl: ctx.natsUrl,
      databaseUrl: ctx.databaseUrl,
    });
    expect(made.databaseUrls).toEqual({ ...ctx.databaseUrls, gateway: own });
  });

  it('takes the live venue from LIVE_VENUE_URL when set', () => {
    const live = createStackContext({
      config: { ...config, liveVenueUrl: 'https://api.binance.com' },
      natsUrl: 'n',
      databaseUrl: 'postgres://d/x',
    });
    expect(live.venues).toEqual({
      paper: 'http://127.0.0.1:8090',
      live: 'https://api.binance.com',
    });
  });
});

describe('registry - selection', () => {
  const registry: ServiceEntry[] = [
    { name: 'a', dir: 'services/a' },
    { name: 'b', dir: 'services/b' },
    { name: 'c', dir: 'services/c' },
  ];
  const exists = (path: string) => path !== '/repo/services/b/src/main.ts';

  it('starts only the services whose main.ts exists, and names the others', () => {
    const sel = selectServices({ registry, ctx, root: '/repo', only: 'all', exists });
    expect(sel.start.map((s) => s.name)).toEqual(['a', 'c']);
    expect(sel.absent).toEqual(['b']);
  });

  it('honours a DEVRUNNER_SERVICES list, keeping registry order', () => {
    const sel = selectServices({ registry, ctx, root: '/repo', only: ['c', 'b'], exists });
    expect(sel.start.map((s) => s.name)).toEqual(['c']);
    expect(sel.absent).toEqual(['b']);
    expect(selectServices({ registry, ctx, root: '/repo', only: [], exists }).start).toEqual([]);
  });

  it('refuses a name the registry does not know', () => {
    expect(() =>
      selectServices({ registry, ctx, root: '/repo', only: ['a', 'zz'], exists }),
    ).toThrow('DEVRUNNER_SERVICES names unknown services: zz (known: a, b, c)');
  });
});
