import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  armLiveRequestSchema,
  auditPageSchema,
  externalOrderListSchema,
  externalOrderSchema,
  intentAcceptedSchema,
  lastReconcileSchema,
  liveInfoSchema,
  loggedOutSchema,
  loginRequestSchema,
  orderEventListSchema,
  orderPageSchema,
  orderRowSchema,
  reasonRequestSchema,
  reconcileAskedSchema,
  reconcileAskSchema,
  sessionInfoSchema,
  startLiveRequestSchema,
  stopLiveRequestSchema,
  whoAmISchema,
} from './http-bodies.js';
import { parseResult } from './issues.js';

const issues = (schema: z.ZodType, value: unknown) => {
  const result = parseResult(schema, value);
  return result.ok ? [] : result.issues;
};

const at = '2026-03-02T09:00:00.000Z';
const report = {
  runId: 'run-1',
  trigger: 'startup',
  venue: 'live',
  startedAt: at,
  finishedAt: at,
  durationMs: 0,
  rowsChecked: 0,
  rowsChanged: {},
  fillsAdded: 0,
  externalOrders: 1,
  unresolved: 0,
  errors: [],
};
const external = {
  venue: 'live',
  symbol: 'BTCUSDT',
  exchangeOrderId: '42',
  clientOrderId: 'manual-1',
  status: 'NEW',
  action: 'report',
  firstSeenAt: at,
  lastSeenAt: at,
};

describe('HTTP bodies - auth', () => {
  it('a login takes a valid name and a non-empty password, nothing else', () => {
    expect(issues(loginRequestSchema, { name: 'alice', password: 'pw' })).toEqual([]);
    expect(issues(loginRequestSchema, { name: '-x', password: '', extra: 1 })).toEqual([
      'name: must be 1 to 64 characters of letters, digits, "_", ".", "@" or "-", starting with a letter or digit',
      'password: required',
      'Unrecognized key: "extra"',
    ]);
    expect(issues(loginRequestSchema, { name: 'a', password: 'x'.repeat(1025) })).toEqual([
      'password: must be at most 1024 characters',
    ]);
  });

  it('a session names the operator, role and expiry; who-am-I also covers API keys', () => {
    expect(sessionInfoSchema.parse({ operator: 'alice', role: 'viewer', expiresAt: at })).toEqual({
      operator: 'alice',
      role: 'viewer',
      expiresAt: at,
    });
    expect(issues(sessionInfoSchema, { operator: 'alice', role: 'strategy' })).toEqual([
      'role: Invalid option: expected one of "operator"|"viewer"',
      'expiresAt: required',
    ]);
    expect(issues(whoAmISchema, { name: 'key:bot', role: 'strategy' })).toEqual([]);
    expect(issues(whoAmISchema, { name: 'alice', role: 'operator', expiresAt: 'soon' })).toEqual([
      'expiresAt: must be an ISO 8601 date-time with offset, e.g. "2026-01-31T12:00:00.000Z"',
    ]);
    expect(loggedOutSchema.parse({ loggedOut: true })).toEqual({ loggedOut: true });
    expect(issues(loggedOutSchema, { loggedOut: false }).length).toBe(1);
  });
});

describe('HTTP bodies - arming', () => {
  it('asks for a reason to arm, kill or release; stop takes one optionally', () => {
    for (const schema of [armLiveRequestSchema, reasonRequestSchema]) {
      expect(issues(schema, { reason: 'go' })).toEqual([]);
      expect(issues(schema, { reason: '  ' })).toEqual(['reason: must not be blank']);
      expect(issues(schema, {})).toEqual(['reason: required']);
    }
    expect(issues(stopLiveRequestSchema, {})).toEqual([]);
    expect(issues(stopLiveRequestSchema, { reason: 'end of day', x: 1 })).toEqual([
      'Unrecognized key: "x"',
    ]);
  });

  it('start takes the token and the typed phrase', () => {
    const token = 'ab'.repeat(32);
    expect(issues(startLiveRequestSchema, { token, confirmation: 'ARM LIVE' })).toEqual([]);
    expect(issues(startLiveRequestSchema, { token: 'abc', confirmation: 'x'.repeat(101) })).toEqual(
      [
        'token: must be 64 lowercase hex characters',
        'confirmation: must be at most 100 characters',
      ],
    );
  });

  it('live info gives the venue and account labels, session length and token lifetime', () => {
    const info = {
      liveVenue: 'Binance spot',
      liveAccount: null,
      sessionMaxS: 14400,
      tokenTtlS: 60,
    };
    expect(liveInfoSchema.parse(info)).toEqual(info);
    expect(issues(liveInfoSchema, { ...info, liveAccount: 'main', sessionMaxS: 0 })).toEqual([
      'sessionMaxS: Too small: expected number to be >0',
    ]);
    expect(issues(liveInfoSchema, { liveVenue: '' })).toEqual([
      'liveVenue: Too small: expected string to have >=1 characters',
      'liveAccount: required',
      'sessionMaxS: required',
      'tokenTtlS: required',
    ]);
  });
});

describe('HTTP bodies - orders, audit, reconcile', () => {
  it('an order row needs only its intentId and keeps every other column', () => {
    const row = { intentId: 'i1', state: 'NEW', symbol: 'BTCUSDT', executedQty: '0' };
    expect(orderRowSchema.parse(row)).toEqual(row);
    expect(orderPageSchema.parse({ items: [row] })).toEqual({ items: [row] });
    expect(issues(orderRowSchema, { state: 1 })).toEqual([
      'intentId: required',
      'state: Invalid input: expected string, received number',
    ]);
    expect(intentAcceptedSchema.parse({ intentId: 'i1', duplicate: false })).toEqual({
      intentId: 'i1',
      duplicate: false,
    });
    expect(orderEventListSchema.parse({ items: [] })).toEqual({ items: [] });
  });

  it('an audit page carries the cursor of the next (older) page, or null', () => {
    expect(auditPageSchema.parse({ items: [], nextBefore: null })).toEqual({
      items: [],
      nextBefore: null,
    });
    expect(issues(auditPageSchema, { items: [] })).toEqual(['nextBefore: required']);
  });

  it('reconcile: an ask names an optional venue; the answer its request id', () => {
    expect(issues(reconcileAskSchema, {})).toEqual([]);
    expect(issues(reconcileAskSchema, { venue: 'both' })).toEqual([
      'venue: Invalid option: expected one of "paper"|"live"',
    ]);
    expect(reconcileAskedSchema.parse({ requestId: 'r1' })).toEqual({ requestId: 'r1' });
  });

  it('external orders: what the reconciler saw on the venue, and what it did', () => {
    expect(externalOrderSchema.parse(external)).toEqual(external);
    expect(externalOrderListSchema.parse({ items: [external] }).items).toHaveLength(1);
    expect(issues(externalOrderSchema, { ...external, action: 'ignored' })).toEqual([
      'action: Invalid option: expected one of "report"|"cancelled"',
    ]);
  });

  it('last reconcile reports: one per venue, each a full report', () => {
    expect(lastReconcileSchema.parse({ items: [report] }).items[0]?.runId).toBe('run-1');
    expect(issues(lastReconcileSchema, { items: [{ ...report, durationMs: -1 }] })).toEqual([
      'items.0.durationMs: must not be negative',
    ]);
  });
});

describe('HTTP bodies - OpenAPI components', () => {
  it('names each body once', () => {
    const named = {
      LoginRequest: loginRequestSchema,
      SessionInfo: sessionInfoSchema,
      WhoAmI: whoAmISchema,
      LoggedOut: loggedOutSchema,
      ArmLiveRequest: armLiveRequestSchema,
      StartLiveRequest: startLiveRequestSchema,
      StopLiveRequest: stopLiveRequestSchema,
      ReasonRequest: reasonRequestSchema,
      LiveInfo: liveInfoSchema,
      OrderRow: orderRowSchema,
      OrderPage: orderPageSchema,
      OrderEventList: orderEventListSchema,
      IntentAccepted: intentAcceptedSchema,
      AuditPage: auditPageSchema,
      ReconcileAsk: reconcileAskSchema,
      ReconcileAsked: reconcileAskedSchema,
      ExternalOrder: externalOrderSchema,
      ExternalOrderList: externalOrderListSchema,
      LastReconcileReports: lastReconcileSchema,
    };
    for (const [id, schema] of Object.entries(named)) {
      expect(z.globalRegistry.get(schema)?.id, id).toBe(id);
      expect(() => z.toJSONSchema(schema, { io: 'input' }), id).not.toThrow();
    }
  });
});
