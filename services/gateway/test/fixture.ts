import { httpErrorBodySchema, type HttpErrorBody } from '@livegate/contracts';
import { Writable } from 'node:stream';
import { connectBus, type Bus } from '@livegate/bus';
import { createDb, SERVICE_ROLES } from '@livegate/db';
import { createLogger } from '@livegate/runtime';
import {
  createTestDatabase,
  useNats,
  type TestDatabase,
  type TestNats,
} from '../../../tests/harness/src/index.js';
import { addApiKey, addOperator } from '../src/cli/commands.js';
import { loadGatewayConfig, type GatewayConfig } from '../src/config.js';
import { createGateway, type Gateway, type RunningGateway } from '../src/create-gateway.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

export const ORIGIN = 'http://dash.test';
export const PASSWORD = 'correct horse battery staple';
export const T0 = new Date('2026-03-02T09:00:00.000Z');
/** The shared secret the fixture's gateway expects from the dashboard server (`X-Livegate-Proxy`). */
export const PROXY_SECRET = 'test-proxy-secret-0123456789abcdef';

/** The headers the dashboard server adds when it forwards a browser at `client`. */
export function viaDashboard(
  client: string,
  secret: string = PROXY_SECRET,
): Record<string, string> {
  return { 'x-forwarded-for': client, 'x-livegate-proxy': secret };
}

/** A clock the test moves by hand (the arming service takes the same object). */
export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

export function testClock(start: Date = T0): TestClock {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

export interface Credentials {
  /** `livegate_session=<value>` for a Cookie header. */
  readonly cookie?: string;
  /** An API key for `Authorization: Bearer`. */
  readonly key?: string;
  /** Origin header; defaults to the allowed ORIGIN when a cookie is sent. Pass null to send none. */
  readonly origin?: string | null;
}

export interface HttpInit extends Credentials {
  readonly method?: string;
  readonly body?: unknown;
  /** A raw body string, sent as is (with content-type application/json unless headers say otherwise). */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  /** Sent as the dashboard server forwarding a browser at this address (X-Forwarded-For + secret). */
  readonly forwardedFor?: string;
}

export interface GatewayFixture {
  readonly t: TestDatabase;
  readonly nats: TestNats;
  /** The gateway's bus connection. */
  readonly bus: Bus;
  readonly gateway: Gateway;
  /** Cuts the gateway's database connections (with `dbThroughProxy`). */
  cutDb(): Promise<void>;
  readonly clock: TestClock;
  readonly config: GatewayConfig;
  /** Log lines the gateway wrote, raw. */
  readonly logs: string[];
  /** Every sign-in slow-down the gateway asked for, in ms (the fixture does not wait them out). */
  readonly sleeps: number[];
  addOperator(name: string, role?: 'operator' | 'viewer', password?: string): Promise<void>;
  /** Logs in through the API and returns the Cookie header value. */
  login(name: string, password?: string): Promise<string>;
  /** A strategy API key for `source` (default: the label). */
  apiKey(label?: string, source?: string): Promise<string>;
  http(path: string, init?: HttpInit): Promise<Response>;
  auditRows(): Promise<
    Array<{ kind: string; actor: string; subject: string | null; details: unknown }>
  >;
  /** Starts the HTTP + websocket server (closed by `close`). */
  listen(): Promise<RunningGateway>;
  close(): Promise<void>;
}

export interface GatewayFixtureOptions {
  readonly clock?: TestClock;
  readonly config?: Partial<GatewayConfig>;
  /** Skip `ensureStreams`: every publish fails and `listen()` cannot follow events. */
  readonly noStreams?: boolean;
  readonly readinessTimeoutMs?: number;
  /** Build the gateway on this database handle (default: the test database's). */
  readonly db?: TestDatabase['db'];
  /** Give the gateway its own pool, through a TCP proxy the test can cut (`cutDb()`). */
  readonly dbThroughProxy?: boolean;
}

/** A fresh database and namespace, streams, and a gateway on them (not listening until `listen()`). */
export async function startGatewayFixture(
  options: GatewayFixtureOptions = {},
): Promise<GatewayFixture> {
  const { clock = testClock(), noStreams = false } = options;
  const t = await createTestDatabase();
  const nats = useNats();
  const logs: string[] = [];
  const logger = createLogger({
    service: 'gateway-test',
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _enc, cb) {
        logs.push(chunk.toString());
        cb();
      },
    }),
  });
  const bus = await connectBus({
    url: nats.url,
    name: 'gateway-test',
    logger,
    namespace: nats.namespace,
  });
  if (!noStreams) await bus.ensureStreams();
  const config: GatewayConfig = {
    ...loadGatewayConfig({}),
    port: 0,
    namespace: nats.namespace,
    allowedOrigins: [ORIGIN],
    proxySecret: PROXY_SECRET,
    ...options.config,
  };
  let proxy: TcpProxy | undefined;
  const gatewayUrl = t.urlAs(SERVICE_ROLES.gateway);
  if (options.dbThroughProxy === true) {
    const url = new URL(gatewayUrl);
    proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    options = {
      ...options,
      db: createDb({ url: url.toString(), max: 3, connectTimeoutMs: 2_000 }),
    };
  }
  // The gateway logs in as its own role, as in production: a missing grant fails here.
  const db = options.db ?? createDb({ url: gatewayUrl, max: 5 });
  const sleeps: number[] = [];
  const gateway = createGateway({
    db,
    bus,
    config,
    logger,
    clock: () => clock.now(),
    sleep: async (ms) => void sleeps.push(ms),
    ...(options.readinessTimeoutMs === undefined
      ? {}
      : { readinessTimeoutMs: options.readinessTimeoutMs }),
  });
  const running: RunningGateway[] = [];

  const fixture: GatewayFixture = {
    t,
    nats,
    bus,
    gateway,
    async cutDb() {
      await proxy?.cut();
    },
    clock,
    config,
    logs,
    sleeps,
    async addOperator(name, role = 'operator', password = PASSWORD) {
      const result = await addOperator(t.db, { name, role, password });
      if (!result.ok) throw new Error(result.error);
    },
    async login(name, password = PASSWORD) {
      const res = await fixture.http('/api/auth/login', {
        method: 'POST',
        body: { name, password },
        origin: ORIGIN,
      });
      if (res.status !== 200) throw new Error(`login ${name}: ${res.status} ${await res.text()}`);
      const cookie = /^(livegate_session=[^;]+);/.exec(res.headers.get('set-cookie') ?? '')?.[1];
      if (cookie === undefined) throw new Error('login set no cookie');
      return cookie;
    },
    async apiKey(label = 'bot', source = label) {
      const result = await addApiKey(t.db, { label, source }, clock.now());
      if (!result.ok) throw new Error(result.error);
      return result.output.split('\n').at(-1) as string;
    },
    http(path, init = {}) {
      const headers: Record<string, string> = {};
      if (init.cookie !== undefined) headers.cookie = init.cookie;
      if (init.key !== undefined) headers.authorization = `Bearer ${init.key}`;
      const origin =
        init.origin === undefined ? (init.cookie === undefined ? null : ORIGIN) : init.origin;
      if (origin !== null) headers.origin = origin;
      if (init.forwardedFor !== undefined) Object.assign(headers, viaDashboard(init.forwardedFor));
      let body: string | undefined;
      if (init.rawBody !== undefined) body = init.rawBody;
      else if (init.body !== undefined) body = JSON.stringify(init.body);
      if (body !== undefined) headers['content-type'] = 'application/json';
      return Promise.resolve(
        gateway.app.request(path, {
          method: init.method ?? 'GET',
          headers: { ...headers, ...init.headers },
          ...(body === undefined ? {} : { body }),
        }),
      );
    },
    async auditRows() {
      return t.db
        .selectFrom('audit.log')
        .select(['kind', 'actor', 'subject', 'details'])
        .orderBy('id')
        .execute();
    },
    async listen() {
      const r = await gateway.listen();
      running.push(r);
      return r;
    },
    async close() {
      for (const r of running.splice(0)) await r.close();
      await bus.close();
      if (db !== t.db) await db.destroy();
      await nats.cleanup();
      await t.drop();
    },
  };
  return fixture;
}

/** The `error` of a contracts error body. */
export async function errorOf(res: Response): Promise<HttpErrorBody['error']> {
  return httpErrorBodySchema.parse(await res.json()).error;
}
