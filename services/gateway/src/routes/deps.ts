import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from '@livegate/runtime';
import type { Db } from '../auth/operators.repository.js';
import type { GatewayEnv } from '../auth/principal.js';
import type { ArmingClient } from '../bus/arming-client.js';
import type { GatewayBus } from '../bus/gateway-bus.js';
import type { GatewayConfig } from '../config.js';
import type { AuditWriter } from '../http/audit-writer.js';
import type { GatewayMetrics } from '../http/metrics.js';
import type { GuardDeps } from '../auth/guard.js';
import type { ClientAddress } from '../auth/client-address.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import type { RefusalAudit } from '../http/refusal-audit.js';

export type GatewayApp = OpenAPIHono<GatewayEnv>;

/** What every route module is given. */
export interface RouteDeps {
  readonly db: Db;
  readonly bus: GatewayBus;
  readonly config: GatewayConfig;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly audit: AuditWriter;
  /** Audits a refusal, aggregated per key and window (see refusal-audit.ts). */
  readonly refusals: RefusalAudit;
  readonly arming: ArmingClient;
  readonly metrics: GatewayMetrics;
  readonly guard: GuardDeps;
  /** How long /readyz waits for NATS and the database. */
  readonly readinessTimeoutMs: number;
  /** The caller's IP address (through trusted proxies), when known. */
  readonly clientAddress: ClientAddress;
  readonly loginThrottle: LoginThrottle;
  /** Waits `ms` (a sign-in slowed by the throttle); tests pass one that does not wait. */
  readonly sleep: (ms: number) => Promise<void>;
  /** Told when a session ends, so its websockets close. */
  readonly onSessionEnded: (sessionId: string) => void;
}
