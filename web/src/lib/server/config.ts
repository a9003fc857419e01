import { z } from 'zod';

const schema = z.object({
  GATEWAY_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL like http://127.0.0.1:8080' })
    .default('http://127.0.0.1:8080'),
  GATEWAY_PROXY_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (the same value as the gateway)')
    .max(512, 'must be at most 512 characters')
    .optional(),
});

export interface WebConfig {
  /** Where `/api/*` and `/ws` go. */
  readonly gatewayUrl: URL;
  /**
   * Shared with the gateway: sent in `X-Livegate-Proxy` so the gateway believes the `X-Forwarded-For`
   * this server sets (its sign-in throttle counts browsers, not this server). `null`: not sent.
   */
  readonly proxySecret: string | null;
}

/**
 * Parses the dashboard server's environment once (empty counts as unset); throws naming every bad
 * variable. What the ARM LIVE modal explains comes from the gateway (`GET /api/live/info`), not from here.
 */
export function loadWebConfig(env: Record<string, string | undefined>): WebConfig {
  const set = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = schema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`web: invalid environment: ${lines.join('; ')}`);
  }
  return Object.freeze({
    gatewayUrl: new URL(parsed.data.GATEWAY_URL),
    proxySecret: parsed.data.GATEWAY_PROXY_SECRET ?? null,
  });
}
