import { z } from 'zod';

const schema = z.object({
  GATEWAY_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL like http://127.0.0.1:8080' })
    .default('http://127.0.0.1:8080'),
  LIVE_VENUE_LABEL: z.string().min(1).max(200).default('the live venue configured for execution'),
  LIVE_ACCOUNT_LABEL: z.string().min(1).max(200).optional(),
  LIVE_SESSION_MAX_S: z.coerce.number().int().positive().optional(),
});

export interface WebConfig {
  /** Where `/api/*` and `/ws` go. */
  readonly gatewayUrl: URL;
  /** Shown in the ARM LIVE modal: the live venue and account, and how long a session lasts. */
  readonly live: {
    readonly venue: string;
    readonly account: string | undefined;
    readonly sessionMaxMs: number | undefined;
  };
}

/** Parses the dashboard server's environment once (empty counts as unset); throws naming every bad variable. */
export function loadWebConfig(env: Record<string, string | undefined>): WebConfig {
  const set = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = schema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`web: invalid environment: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    gatewayUrl: new URL(e.GATEWAY_URL),
    live: Object.freeze({
      venue: e.LIVE_VENUE_LABEL,
      account: e.LIVE_ACCOUNT_LABEL,
      sessionMaxMs: e.LIVE_SESSION_MAX_S === undefined ? undefined : e.LIVE_SESSION_MAX_S * 1000,
    }),
  });
}
