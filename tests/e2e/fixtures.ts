import { createHmac, randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import pg from 'pg';
import { ENV, fromEnv, OPERATOR, VENUE_ACCOUNTS } from './stack/credentials.js';

export { expect };

type User = { readonly name: string; readonly password: string };

export interface Fixtures {
  /** Saves a full-page screenshot of the current step as a test artifact (numbered in order). */
  snap: (page: Page, step: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  // Playwright reads fixture dependencies from the destructuring pattern, so an empty one is required.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => use(fromEnv(ENV.webUrl)),
  // eslint-disable-next-line no-empty-pattern
  snap: async ({}, use, testInfo) => {
    let n = 0;
    await use(async (page, step) => {
      n += 1;
      const path = testInfo.outputPath(`${String(n).padStart(2, '0')}-${step}.png`);
      // From the top: a full-page shot of a scrolled page draws the sticky banner mid-page.
      await page.evaluate(() =>
        (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
      );
      await page.screenshot({ path, fullPage: true });
    });
  },
});

export const banner = (page: Page): Locator => page.getByRole('region', { name: 'Trading mode' });

/** Signs in through the login page and waits for the live feed to be up. */
export async function signIn(page: Page, user: User): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Name').fill(user.name);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(banner(page)).toContainText('Live updates', { timeout: 10_000 });
  await expect(banner(page)).toHaveAttribute('data-mode', /^(PAPER|LIVE|HALTED)$/);
}

/** axe-core over the page (or part of it): no violations. */
export async function expectAccessible(page: Page, include?: string): Promise<void> {
  const builder = new AxeBuilder({ page });
  if (include !== undefined) builder.include(include);
  const { violations } = await builder.analyze();
  expect(
    violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    ),
  ).toEqual([]);
}

/** A signed-in HTTP client of a gateway, for setting the scene and checking what the API says. */
export async function gatewayAs(
  user: User,
  { gatewayUrl = fromEnv(ENV.gatewayUrl), origin = fromEnv(ENV.webUrl) } = {},
) {
  const login = await fetch(`${gatewayUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: user.name, password: user.password }),
  });
  expect(login.status, 'sign in through the gateway').toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = await fetch(`${gatewayUrl}${path}`, {
      method,
      headers: {
        cookie,
        origin,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown> & { mode?: string },
    };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown = {}) => call('POST', path, body),
  };
}

/** Puts the stack back in PAPER whatever a previous test left (disarm or release). */
export async function resetToPaper(opts: Parameters<typeof gatewayAs>[1] = {}): Promise<void> {
  const gw = await gatewayAs(OPERATOR, opts);
  const { body } = await gw.get('/api/mode');
  if (body.mode === 'LIVE')
    expect((await gw.post('/api/live/stop', { reason: 'e2e reset' })).status).toBe(200);
  if (body.mode === 'HALTED')
    expect((await gw.post('/api/live/release', { reason: 'e2e reset' })).status).toBe(200);
  expect((await gw.get('/api/mode')).body.mode).toBe('PAPER');
}

/** Runs `fn` with a client of the main stack's database (closed afterwards). */
export async function withStackDb<T>(fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: fromEnv(ENV.databaseUrl) });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

/** A fresh intent id: `<prefix>-<8 hex>`. */
export const newIntentId = (prefix: string): string =>
  `${prefix}-${randomBytes(4).toString('hex')}`;

/**
 * A LIMIT BUY (GTC) at `price`, by default of 0.001 BTCUSDT: resting when below the simulator's
 * price (BTCUSDT 60000, BNBUSDT 600), filled at once when above.
 */
export function limitBuy(
  intentId: string,
  mode: 'paper' | 'live',
  price: string,
  { symbol = 'BTCUSDT', quantity = '0.001' } = {},
) {
  return {
    intentId,
    mode,
    symbol,
    side: 'BUY',
    type: 'LIMIT',
    quantity,
    price,
    timeInForce: 'GTC',
    source: 'e2e-strategy',
    createdAt: new Date().toISOString(),
  };
}

/** Submits an intent as a strategy does: POST /api/orders with the E2E API key; the gateway takes it (202). */
export async function submitIntent(intent: { intentId: string } & Record<string, string>) {
  const res = await fetch(`${fromEnv(ENV.gatewayUrl)}/api/orders`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${fromEnv(ENV.strategyKey)}`,
      'idempotency-key': intent.intentId,
      'content-type': 'application/json',
    },
    body: JSON.stringify(intent),
  });
  expect(res.status, `POST /api/orders ${intent.intentId}: ${await res.clone().text()}`).toBe(202);
}

/** One order as the simulator holds it (its ground truth, `GET /__sim/orders`). */
export interface SimOrder {
  readonly apiKey: string;
  readonly symbol: string;
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly status: string;
}

/** A call to the simulator's admin API. */
export async function simAdmin<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: Record<string, unknown>,
): Promise<T> {
  const res = await fetch(`${fromEnv(ENV.simUrl)}/__sim${path}`, {
    method,
    headers: {
      'x-sim-admin-token': fromEnv(ENV.simAdminToken),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status, `${method} /__sim${path}`).toBe(200);
  return (await res.json()) as T;
}

/** Every order of the live (`live`) or paper account on the simulator. */
export const simOrders = (venue: 'paper' | 'live'): Promise<SimOrder[]> =>
  simAdmin<SimOrder[]>('GET', `/orders?apiKey=${VENUE_ACCOUNTS[venue].apiKey}`);

/**
 * Places an order on a venue's account straight at the simulator, signed as Binance wants it (as a
 * person on the exchange's own website would): an order livegate did not place.
 */
export async function placeExternalOrder(
  venue: 'paper' | 'live',
  params: Record<string, string>,
): Promise<SimOrder> {
  const { apiKey, apiSecret } = VENUE_ACCOUNTS[venue];
  const query = new URLSearchParams({ ...params, timestamp: String(Date.now()) }).toString();
  const signature = createHmac('sha256', apiSecret).update(query).digest('hex');
  const res = await fetch(`${fromEnv(ENV.simUrl)}/api/v3/order?${query}&signature=${signature}`, {
    method: 'POST',
    headers: { 'x-mbx-apikey': apiKey },
  });
  const body = (await res.json()) as SimOrder;
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

/** Stops or starts a stack's gateway through the global setup's control server (stack/control.ts). */
export async function gatewayControl(action: 'stop' | 'start', label = 'main'): Promise<void> {
  const res = await fetch(`${fromEnv(ENV.controlUrl)}/${label}/gateway/${action}`, {
    method: 'POST',
  });
  expect(res.status, `${action} the ${label} gateway: ${await res.text()}`).toBe(204);
}

/** What the page has alerted so far: desktop notifications (title and body) and beeps started. */
export interface AlertsSeen {
  readonly notifications: string[];
  readonly beeps: number;
}

/**
 * Records, in the page, every `new Notification(...)` and every oscillator started (the beep),
 * passing each call on to the browser unchanged. Call before the first `goto`.
 */
export async function recordAlerts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = globalThis as unknown as {
      Notification: new (title: string, options?: { body?: string }) => object;
      OscillatorNode: { prototype: { start: (...a: unknown[]) => void } };
      e2eAlerts: { notifications: string[]; beeps: number };
    };
    w.e2eAlerts = { notifications: [], beeps: 0 };
    const Real = w.Notification;
    w.Notification = class extends Real {
      constructor(title: string, options?: { body?: string }) {
        super(title, options);
        w.e2eAlerts.notifications.push(`${title}: ${options?.body ?? ''}`);
      }
    };
    const start = w.OscillatorNode.prototype.start;
    w.OscillatorNode.prototype.start = function (this: unknown, ...args: unknown[]) {
      w.e2eAlerts.beeps += 1;
      return start.apply(this, args);
    };
  });
}

/** What specs read in the page with `evaluate` (the specs' tsconfig has no DOM library). */
export interface InPage {
  document: { documentElement: { scrollWidth: number; clientWidth: number } };
  getComputedStyle(element: unknown): {
    fontSize: string;
    fontWeight: string;
    backgroundColor: string;
    overflowX: string;
  };
}

export const alertsSeen = (page: Page): Promise<AlertsSeen> =>
  page.evaluate(() => (globalThis as unknown as { e2eAlerts: AlertsSeen }).e2eAlerts);
