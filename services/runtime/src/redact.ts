/**
 * Paths pino censors. A safety net only: never log credentials, tokens or bodies on purpose,
 * and never interpolate them into a message string (pino cannot redact those).
 */
const SECRET_KEYS = [
  'apiKey',
  'apiSecret',
  'secret',
  'token',
  'armToken',
  'adminToken',
  'accessToken',
  'refreshToken',
  'password',
  'passwordHash',
  'signature',
  'cookie',
  'authorization',
  'sessionId',
  'databaseUrl',
  'proxySecret',
] as const;

export const REDACT_PATHS: readonly string[] = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-livegate-proxy"]',
  'headers["x-livegate-proxy"]',
  '*.headers["x-livegate-proxy"]',
  'headers["x-mbx-apikey"]',
  '*.headers["x-mbx-apikey"]',
  'headers["set-cookie"]',
  '*.headers["set-cookie"]',
];
