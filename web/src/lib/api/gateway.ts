import {
  cancelAcceptedSchema,
  cancelAllResultSchema,
  armTokenIssuedSchema,
  auditPageSchema,
  externalOrderListSchema,
  lastReconcileSchema,
  riskLimitListSchema,
  riskLimitRejectedSchema,
  riskLimitProposalSchema,
  riskLimitSchema,
  pausedStrategySchema,
  type RiskLimitChange,
  type StrategyResume,
  liveInfoSchema,
  loggedOutSchema,
  modeSnapshotSchema,
  moneyBalancesSchema,
  moneyExposureSchema,
  moneyPnlSchema,
  moneyPnlSeriesSchema,
  type MoneyPnlQuery,
  orderEventListSchema,
  orderPageSchema,
  orderRowSchema,
  reconcileAskedSchema,
  sessionInfoSchema,
  whoAmISchema,
  type IntentMode,
  type OrderState,
} from '@livegate/contracts';
import { z } from 'zod';
import type { ApiClient } from './client.js';

function query(params: Record<string, string | number | undefined>): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') qs.set(key, String(value));
  const text = qs.toString();
  return text === '' ? '' : `?${text}`;
}

export interface OrdersQuery {
  state?: OrderState;
  mode?: IntentMode;
  limit?: number;
  offset?: number;
}

/** Every gateway call the dashboard makes, each parsed with its schema (see `createApiClient`). */
/** The answer to a limit change: applied (`limit`, null when removed) or, under four-eyes, proposed. */
const riskLimitSetSchema = z.union([
  z.object({ limit: riskLimitSchema.nullable() }),
  z.object({ proposal: riskLimitProposalSchema }),
]);

const strategyResumedSchema = z.object({ resumed: pausedStrategySchema });

export function createGatewayApi(client: ApiClient) {
  return {
    login: (name: string, password: string) =>
      client.post('/api/auth/login', sessionInfoSchema, { name, password }),
    logout: () => client.post('/api/auth/logout', loggedOutSchema),
    me: () => client.get('/api/auth/me', whoAmISchema),
    mode: () => client.get('/api/mode', modeSnapshotSchema),
    liveInfo: () => client.get('/api/live/info', liveInfoSchema),
    arm: (reason: string) => client.post('/api/live/arm', armTokenIssuedSchema, { reason }),
    start: (token: string, confirmation: string) =>
      client.post('/api/live/start', modeSnapshotSchema, { token, confirmation }),
    stop: (reason?: string) =>
      client.post('/api/live/stop', modeSnapshotSchema, reason === undefined ? {} : { reason }),
    kill: (reason: string) => client.post('/api/live/kill', modeSnapshotSchema, { reason }),
    release: (reason: string) => client.post('/api/live/release', modeSnapshotSchema, { reason }),
    audit: (q: { kind?: string; before?: string; limit?: number } = {}) =>
      client.get(`/api/audit${query(q)}`, auditPageSchema),
    orders: (q: OrdersQuery = {}) => client.get(`/api/orders${query({ ...q })}`, orderPageSchema),
    // An intentId is unique per source: `source` picks one when strategies share it.
    order: (intentId: string, source?: string) =>
      client.get(`/api/orders/${encodeURIComponent(intentId)}${query({ source })}`, orderRowSchema),
    orderEvents: (intentId: string, source?: string) =>
      client.get(
        `/api/orders/${encodeURIComponent(intentId)}/events${query({ source })}`,
        orderEventListSchema,
      ),
    // Issue 13: an operator's cancel of one order, and of every open order of a symbol.
    cancelOrder: (intentId: string, body: { reason: string; source?: string }) =>
      client.post(`/api/orders/${encodeURIComponent(intentId)}/cancel`, cancelAcceptedSchema, body),
    cancelAll: (body: { symbol: string; reason: string; mode?: IntentMode }) =>
      client.post('/api/orders/cancel-all', cancelAllResultSchema, body),
    reconcile: () => client.post('/api/reconcile', reconcileAskedSchema),
    lastReconcile: () => client.get('/api/reconcile/last', lastReconcileSchema),
    externalOrders: (q: { venue?: IntentMode; limit?: number } = {}) =>
      client.get(`/api/reconcile/external${query(q)}`, externalOrderListSchema),
    riskLimits: () => client.get('/api/risk/limits', riskLimitListSchema),
    setRiskLimit: (change: RiskLimitChange) =>
      client.put('/api/risk/limits', riskLimitSetSchema, change),
    approveRiskLimit: (proposalId: string) =>
      client.post('/api/risk/limits/approve', riskLimitSetSchema, { proposalId }),
    resumeStrategy: (body: StrategyResume) =>
      client.post('/api/risk/resume', strategyResumedSchema, body),
    rejectRiskLimit: (proposalId: string, reason: string) =>
      client.post('/api/risk/limits/reject', riskLimitRejectedSchema, { proposalId, reason }),
    moneyBalances: () => client.get('/api/money/balances', moneyBalancesSchema),
    moneyPnl: (q: MoneyPnlQuery = {}) =>
      client.get(`/api/money/pnl${query({ ...q })}`, moneyPnlSchema),
    moneyPnlSeries: (q: MoneyPnlQuery = {}) =>
      client.get(`/api/money/pnl/series${query({ ...q })}`, moneyPnlSeriesSchema),
    moneyExposure: (q: { venue?: IntentMode; source?: string } = {}) =>
      client.get(`/api/money/exposure${query(q)}`, moneyExposureSchema),
  };
}

export type GatewayApi = ReturnType<typeof createGatewayApi>;
