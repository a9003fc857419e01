/** The people the E2E stack creates (gateway CLI), shared by the setup and the specs. */
export const OPERATOR = {
  name: 'olivia',
  password: 'operator-password-1',
  role: 'operator',
} as const;
export const VIEWER = { name: 'victor', password: 'viewer-password-12', role: 'viewer' } as const;
/** A second operator: the four-eyes scenarios (approve or reject another's proposal). */
export const SECOND_OPERATOR = {
  name: 'oscar',
  password: 'operator-password-2',
  role: 'operator',
} as const;
export const USERS = [OPERATOR, VIEWER, SECOND_OPERATOR] as const;

/** What the global setup hands the specs through the environment. */
export const ENV = {
  /** The main stack's dashboard (default token TTL). */
  webUrl: 'E2E_WEB_URL',
  /** Its gateway, for API-level checks. */
  gatewayUrl: 'E2E_GATEWAY_URL',
  /** Its database, for setting a scene only another service (the reconciler) would write. */
  databaseUrl: 'E2E_DATABASE_URL',
  /** A second stack whose arming tokens live 2 s, for the expiry scenario. */
  expiryWebUrl: 'E2E_EXPIRY_WEB_URL',
  expiryGatewayUrl: 'E2E_EXPIRY_GATEWAY_URL',
  /** The main stack's exchange simulator (the paper and live venue) and its admin token. */
  simUrl: 'E2E_SIM_URL',
  simAdminToken: 'E2E_SIM_ADMIN_TOKEN',
  /** A strategy API key of the main stack (gateway CLI `apikey:add`), for POST /api/orders. */
  strategyKey: 'E2E_STRATEGY_KEY',
  /** Stops and starts a stack's gateway (stack/control.ts), for outage scenarios. */
  controlUrl: 'E2E_CONTROL_URL',
} as const;

/**
 * The simulator accounts of the main stack: created by the simulator at start (SIM_ACCOUNTS) and
 * given to execution and the reconciler as their paper and live venues.
 */
export const VENUE_ACCOUNTS = {
  paper: { apiKey: 'e2epaper', apiSecret: 'e2e-paper-secret' },
  live: { apiKey: 'e2elive', apiSecret: 'e2e-live-secret' },
} as const;
export const VENUE_BALANCES = { USDT: '100000', BTC: '2', ETH: '20', BNB: '100' } as const;

export function fromEnv(key: (typeof ENV)[keyof typeof ENV]): string {
  const value = process.env[key];
  if (value === undefined || value === '')
    throw new Error(`${key} is not set: run through playwright.config.ts (globalSetup)`);
  return value;
}
