import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SERVICE_REGISTRY } from './registry.js';

// `docker compose config -q` is not available here (no compose plugin); these checks read the
// files the way compose would and pin what the stack relies on.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (file: string) => readFileSync(`${root}${file}`, 'utf8');

interface VolumeMount {
  type: string;
  source: string;
  target: string;
  read_only?: boolean;
  volume?: { subpath?: string };
}

interface ComposeService {
  build?: { context: string; target: string };
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: (string | VolumeMount)[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const stages = [...read('Dockerfile').matchAll(/^FROM \S+ AS (\S+)$/gm)].map((m) => m[1]);

describe('docker compose - shape', () => {
  it('has NATS on the generated config (JetStream store on a persistent volume), and Postgres on one', () => {
    expect(services.nats?.command).toEqual(['-c', '/nats/nats.conf']);
    expect(services.nats?.volumes).toEqual(['nats-data:/data', 'nats-config:/nats:ro']);
    expect(services.nats?.depends_on).toEqual({
      'bus-config': { condition: 'service_completed_successfully' },
    });
    expect(services['bus-config']?.command?.at(-1)).toMatch(
      /services\/bus\/src\/main\.ts --dir \/nats --host 0\.0\.0\.0 --port 4222 --http-port 8222 --store \/data/,
    );
    expect(services.postgres?.volumes).toEqual(['pg-data:/var/lib/postgresql/data']);
    expect(Object.keys(compose.volumes)).toEqual(['nats-data', 'nats-config', 'pg-data']);
  });

  it('logs each service in as its own NATS user (its seed alone, read-only) and database role', () => {
    for (const name of ['execution', 'reconciler', 'arming', 'gateway']) {
      const svc = services[name];
      expect(svc?.volumes, name).toEqual([
        {
          type: 'volume',
          source: 'nats-config',
          target: '/run/livegate/nats',
          read_only: true,
          volume: { subpath: `users/${name}` },
        },
      ]);
      expect(svc?.environment, name).toMatchObject({
        NATS_NKEY_SEED_FILE: '/run/livegate/nats/seed',
        NATS_INBOX_PREFIX: `_INBOX_${name}`,
      });
      expect(interpolate(svc?.environment?.DATABASE_URL), name).toBe(
        `postgres://livegate_${name}:dev-${name}@postgres:5432/livegate`,
      );
      expect(interpolate(envOf('setup')[`${name.toUpperCase()}_DATABASE_URL`])).toBe(
        interpolate(svc?.environment?.DATABASE_URL),
      );
    }
    expect(envOf('setup')).toMatchObject({ NATS_CREDENTIALS_FILE: '/nats/credentials.json' });
    expect(envOf('exchange-sim')).not.toHaveProperty('DATABASE_URL');
  });

  it('has an entry per registry service, each built from a stage of the one Dockerfile', () => {
    for (const entry of SERVICE_REGISTRY) expect(Object.keys(services)).toContain(entry.name);
    for (const [name, svc] of Object.entries(services)) {
      if (name === 'nats' || name === 'postgres') continue;
      expect(svc.build?.context, name).toBe('.');
      expect(stages, name).toContain(svc.build?.target);
    }
    expect(stages).toEqual(['base', 'fetch', 'workspace', 'service', 'web']);
  });

  it('runs each back-end service from its own main.ts, after setup migrated and provisioned streams', () => {
    for (const entry of SERVICE_REGISTRY.filter((e) => e.name !== 'web')) {
      const svc = services[entry.name];
      expect(svc?.command?.slice(0, 4), entry.name).toEqual([
        'node',
        '--import',
        'tsx',
        `${entry.dir}/src/main.ts`,
      ]);
      expect(svc?.environment, entry.name).toMatchObject({
        NATS_URL: 'nats://nats:4222',
        LOG_FORMAT: 'json',
      });
      expect(svc?.depends_on?.setup, entry.name).toEqual({
        condition: 'service_completed_successfully',
      });
    }
    expect(services.setup?.command).toEqual([
      'node',
      '--import',
      'tsx',
      'services/devrunner/src/main.ts',
      '--setup',
    ]);
    expect(services.setup?.depends_on).toEqual({
      nats: { condition: 'service_healthy' },
      postgres: { condition: 'service_healthy' },
    });
  });
});

describe('docker compose - exposure and health', () => {
  it('publishes ports for the gateway and the dashboard only', () => {
    const published = Object.entries(services)
      .filter(([, svc]) => svc.ports !== undefined)
      .map(([name]) => name);
    expect(published).toEqual(['gateway', 'web']);
  });

  it('health-checks every long-running container, and waits only on checked ones', () => {
    for (const [name, svc] of Object.entries(services)) {
      if (name !== 'setup' && name !== 'bus-config')
        expect(svc.healthcheck?.test[0], name).toMatch(/^CMD(-SHELL)?$/);
      for (const [dep, { condition }] of Object.entries(svc.depends_on ?? {})) {
        if (condition === 'service_healthy')
          expect(services[dep]?.healthcheck, `${name} → ${dep}`).toBeDefined();
      }
    }
  });

  it('lets the dashboard origin through the gateway, which listens beyond loopback in its container', () => {
    expect(services.gateway?.environment).toMatchObject({
      HOST: '0.0.0.0',
      GATEWAY_ALLOWED_ORIGINS:
        'http://localhost:${WEB_PORT:-3000},http://127.0.0.1:${WEB_PORT:-3000}',
    });
    expect(services.gateway?.healthcheck?.test.at(-1)).toContain('/healthz');
    expect(services.web?.environment).toMatchObject({
      GATEWAY_URL: 'http://gateway:8080',
      ORIGIN: 'http://localhost:${WEB_PORT:-3000}',
    });
  });

  it('points the venues at the simulator unless LIVE_VENUE_URL says otherwise', () => {
    expect(services.execution?.environment).toMatchObject({
      PAPER_VENUE_URL: 'http://exchange-sim:8090',
      LIVE_VENUE_URL: '${LIVE_VENUE_URL:-http://exchange-sim:8090}',
    });
  });
});

/** A value as compose interpolates it: `${NAME:-default}` from `env`, else the default. */
function interpolate(value: string | undefined, env: Record<string, string> = {}): string {
  return (value ?? '').replace(/\$\{([A-Z_]+):-([^}]*)\}/g, (_, name: string, fallback: string) =>
    env[name] === undefined || env[name] === '' ? fallback : env[name],
  );
}

const envOf = (name: string) => services[name]?.environment ?? {};

describe('docker compose - what the services need', () => {
  const simAccounts = JSON.parse(envOf('exchange-sim').SIM_ACCOUNTS ?? '') as {
    apiKey: string;
    apiSecret: string;
    balances: Record<string, string>;
  }[];

  it('gives execution and the reconciler both venues, on the accounts the simulator creates at start', () => {
    for (const name of ['execution', 'reconciler']) {
      const env = envOf(name);
      const dev = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(v)]));
      expect(dev, name).toMatchObject({
        PAPER_BASE_URL: 'http://exchange-sim:8090',
        LIVE_BASE_URL: 'http://exchange-sim:8090',
      });
      for (const venue of ['PAPER', 'LIVE']) {
        const account = simAccounts.find((a) => a.apiKey === dev[`${venue}_API_KEY`]);
        expect(account?.apiSecret, `${name} ${venue}`).toBe(dev[`${venue}_API_SECRET`]);
        expect(Number(account?.balances.USDT), `${name} ${venue}`).toBeGreaterThanOrEqual(10_000);
      }
      expect(dev.PAPER_API_KEY).not.toBe(dev.LIVE_API_KEY);
      expect(interpolate(env.LIVE_BASE_URL, { LIVE_VENUE_URL: 'https://api.binance.com' })).toBe(
        'https://api.binance.com',
      );
      expect(interpolate(env.LIVE_API_KEY, { LIVE_API_KEY: 'real-key' })).toBe('real-key');
    }
    expect(Object.keys(JSON.parse(envOf('exchange-sim').SIM_PRICES ?? '{}'))).toEqual([
      'BTCUSDT',
      'ETHUSDT',
      'BNBUSDT',
      'ETHBTC',
    ]);
  });

  it('gives arming and the gateway one token lifetime and session length', () => {
    for (const name of ['ARM_TOKEN_TTL_S', 'LIVE_SESSION_MAX_S']) {
      expect(envOf('arming')[name], name).toMatch(/^\$\{[A-Z_]+:-\d+\}$/);
      expect(envOf('gateway')[name], name).toBe(envOf('arming')[name]);
    }
    expect(interpolate(envOf('arming').ARM_TOKEN_TTL_S)).toBe('60');
    expect(interpolate(envOf('arming').LIVE_SESSION_MAX_S)).toBe('14400');
  });

  it('labels the live venue for the ARM LIVE modal and shares one required proxy secret with the dashboard', () => {
    const gateway = envOf('gateway');
    expect(gateway).toHaveProperty('LIVE_VENUE_LABEL');
    expect(gateway).toHaveProperty('LIVE_ACCOUNT_LABEL');
    expect(interpolate(gateway.LIVE_VENUE_LABEL, { LIVE_VENUE_LABEL: 'Binance spot' })).toBe(
      'Binance spot',
    );
    expect(gateway).not.toHaveProperty('GATEWAY_TRUSTED_PROXIES');
    expect(gateway.GATEWAY_PROXY_SECRET).toMatch(/^\$\{GATEWAY_PROXY_SECRET:\?[^}]+\}$/);
    expect(envOf('web').GATEWAY_PROXY_SECRET).toBe(gateway.GATEWAY_PROXY_SECRET);
  });
});

describe('env example', () => {
  it('lists every variable the runner reads', () => {
    const text = read('.env.example');
    const names = [
      ...read('services/devrunner/src/config.ts').matchAll(/^ {2}([A-Z][A-Z_]+):/gm),
    ].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(10);
    for (const name of names.filter((n) => n !== 'PATH'))
      expect(text, name).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
  });
});
