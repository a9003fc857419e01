import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Why a request identified nobody (or a sign-in failed): counted, never audited row by row. */
export type NoiseReason =
  'no_credentials' | 'bad_session' | 'bad_api_key' | 'malformed_request' | 'login_failed';

export interface GatewayMetrics {
  readonly registry: Registry;
  /** Unauthenticated noise, by reason. */
  readonly unauthenticated: Counter<'reason'>;
  /** Every refusal the gateway decided (401/403/429), audited or not, by code and route. */
  readonly refusals: Counter<'code' | 'route'>;
  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void;
  readonly wsClients: Gauge;
  readonly wsFramesSent: Counter<'type'>;
  readonly wsClientsDropped: Counter<'reason'>;
}

const PREFIX = 'livegate_gateway_';

/** A registry of its own per gateway (several gateways in one test process never clash). */
export function createMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  const requests = new Counter({
    name: `${PREFIX}http_requests_total`,
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: 'HTTP request duration by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return {
    registry,
    observeRequest({ method, route, status }, seconds) {
      requests.inc({ method, route, status: String(status) });
      duration.observe({ method, route }, seconds);
    },
    unauthenticated: new Counter({
      name: `${PREFIX}unauthenticated_total`,
      help: 'Requests that identified nobody, and failed sign-ins, by reason (not audited row by row)',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    refusals: new Counter({
      name: `${PREFIX}refusals_total`,
      help: 'Refusals decided by the gateway (401, 403, 429), by code and route',
      labelNames: ['code', 'route'] as const,
      registers: [registry],
    }),
    wsClients: new Gauge({
      name: `${PREFIX}ws_clients`,
      help: 'Connected websocket clients',
      registers: [registry],
    }),
    wsFramesSent: new Counter({
      name: `${PREFIX}ws_frames_sent_total`,
      help: 'Websocket frames sent, by frame type',
      labelNames: ['type'] as const,
      registers: [registry],
    }),
    wsClientsDropped: new Counter({
      name: `${PREFIX}ws_clients_dropped_total`,
      help: 'Websocket clients closed by the gateway, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
  };
}
