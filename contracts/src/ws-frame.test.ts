import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseResult } from './issues.js';
import type { ReconcileCompleted } from './reconcile.js';
import { operatorRoleSchema, wsFrameSchema, type WsFrame } from './ws-frame.js';

const issues = (value: unknown) => {
  const result = parseResult(wsFrameSchema, value);
  return result.ok ? [] : result.issues;
};

const at = '2026-01-31T12:00:00.000Z';
const later = '2026-01-31T20:00:00.000Z';
const mode = { mode: 'PAPER', version: 3, reconcileBlocked: false };
const report: ReconcileCompleted = {
  runId: 'run-1',
  trigger: 'operator',
  venue: 'live',
  startedAt: at,
  finishedAt: at,
  durationMs: 0,
  rowsChecked: 0,
  rowsChanged: {},
  fillsAdded: 0,
  externalOrders: 0,
  unresolved: 0,
  errors: [],
};
const session = { operator: 'alice', role: 'viewer', expiresAt: later };

describe('wsFrameSchema', () => {
  it('accepts a snapshot with or without a mode and a last reconcile report', () => {
    expect(issues({ type: 'snapshot', data: { mode, session, lastReconcile: report } })).toEqual(
      [],
    );
    expect(
      issues({ type: 'snapshot', data: { mode: null, session, lastReconcile: null } }),
    ).toEqual([]);
  });

  it('refuses a snapshot whose session role is not operator or viewer', () => {
    expect(
      issues({
        type: 'snapshot',
        data: { mode, session: { ...session, role: 'strategy' }, lastReconcile: null },
      }),
    ).toEqual([expect.stringMatching(/^data\.session\.role: /)]);
  });

  it('accepts each event frame with its contract payload and an optional positive seq', () => {
    const frames: WsFrame[] = [
      {
        type: 'mode.changed',
        seq: 1,
        data: {
          mode: 'HALTED',
          previousMode: 'PAPER',
          version: 4,
          operator: 'alice',
          reason: 'drill',
          at,
        },
      },
      { type: 'reconcile.completed', seq: 9, data: report },
      {
        type: 'order.event',
        data: {
          type: 'order.accepted',
          eventId: 'e1',
          intentId: 'i1',
          source: 's1',
          mode: 'paper',
          state: 'SUBMITTING',
          at,
        },
      },
      {
        type: 'audit.event',
        seq: 2,
        data: {
          id: '17',
          kind: 'auth.login',
          actor: 'alice',
          details: {},
          at,
          hash: 'a'.repeat(64),
        },
      },
      { type: 'money.changed', data: { venue: 'paper', reason: 'fill', at } },
      { type: 'heartbeat', data: { at } },
    ];
    for (const frame of frames) expect(issues(frame), frame.type).toEqual([]);
  });

  it('checks the payload against its contract and the seq against its range', () => {
    expect(issues({ type: 'mode.changed', data: { mode: 'LIVE' } })).toContain(
      'data.previousMode: required',
    );
    expect(issues({ type: 'heartbeat', data: { at }, seq: 1 })).toEqual([]);
    expect(issues({ type: 'audit.event', seq: 0, data: {} })).toContain(
      'seq: must be a positive integer',
    );
    expect(
      issues({ type: 'money.changed', data: { venue: 'paper', reason: 'deposit', at } }),
    ).toEqual([expect.stringMatching(/^data\.reason: /)]);
    expect(issues({ type: 'order.event', seq: 1.5, data: {} })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^seq: /)]),
    );
  });

  it('names the frame types when the type is unknown or missing', () => {
    const message =
      'type: must be a frame type: snapshot, mode.changed, reconcile.completed, order.event, audit.event, money.changed or heartbeat';
    expect(issues({ type: 'order.placed', data: {} })).toEqual([message]);
    expect(issues({ data: {} })).toEqual([message]);
  });

  it('is one named OpenAPI component per frame, and roles are operator or viewer', () => {
    expect(z.globalRegistry.get(wsFrameSchema)?.id).toBe('WsFrame');
    expect(operatorRoleSchema.options).toEqual(['operator', 'viewer']);
    expect(() => z.toJSONSchema(wsFrameSchema, { io: 'output' })).not.toThrow();
    expect(parseResult(operatorRoleSchema, undefined)).toEqual({ ok: false, issues: ['required'] });
  });
});
