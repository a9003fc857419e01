import { describe, expect, it } from 'vitest';
import {
  modesFromAudit,
  type Evidence,
  type RowEvidence,
  type SimOrderEvidence,
} from './evidence.js';
import { checkAll, formatChecks } from './invariants.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const S = 1_000;

function row(id: string, patch: Partial<RowEvidence> = {}): RowEvidence {
  return {
    intentId: id,
    clientOrderId: `x-${id}`,
    mode: 'live',
    state: 'FILLED',
    rejectCode: null,
    exchangeOrderId: `1${id.length}`,
    executedQty: '0.00100000',
    fingerprint: `fp-${id}`,
    recvWindowMs: 2_000,
    fenceVersion: undefined,
    ...patch,
  };
}

function order(id: string, patch: Partial<SimOrderEvidence> = {}): SimOrderEvidence {
  return {
    account: 'live',
    clientOrderId: `x-${id}`,
    orderId: Number(`1${id.length}`),
    status: 'FILLED',
    executedQty: '0.001',
    time: T0 + 10 * S,
    ...patch,
  };
}

/** A storm that passes every check: a live order in session 1, a paper row refused, a kill at 60 s. */
function clean(): Evidence {
  return {
    intents: [
      {
        intentId: 'a',
        clientOrderId: 'x-a',
        mode: 'live',
        fingerprint: 'fp-a',
        createdAt: T0 + 9 * S,
        ackedAt: T0 + 9 * S + 5,
        reuse: { fingerprint: 'fp-a2', ackedAt: T0 + 11 * S, afterRow: true },
      },
      {
        intentId: 'bb',
        clientOrderId: 'x-bb',
        mode: 'paper',
        fingerprint: 'fp-bb',
        createdAt: T0 + 20 * S,
        ackedAt: T0 + 20 * S + 5,
        reuse: undefined,
      },
    ],
    rows: [
      row('a'),
      row('bb', {
        mode: 'paper',
        state: 'REJECTED',
        rejectCode: 'NOT_PLACED',
        exchangeOrderId: null,
        executedQty: '0',
      }),
    ],
    simOrders: [order('a')],
    sessions: [{ id: 's1', startedAt: T0, endedAt: T0 + 30 * S, expiresAt: T0 + 3_600 * S }],
    stops: [
      {
        verb: 'disarm',
        sentAt: T0 + 30 * S - 10,
        committedBy: T0 + 30 * S + 10,
        ok: true,
        version: 2,
      },
      {
        verb: 'kill',
        sentAt: T0 + 60 * S - 10,
        committedBy: T0 + 60 * S + 10,
        ok: true,
        version: 3,
      },
    ],
    modeAtVersion: new Map([
      [0, 'PAPER'],
      [1, 'LIVE'],
      [2, 'PAPER'],
      [3, 'HALTED'],
    ]),
    fenceColumn: false,
    reuseRefused: new Set(['a']),
    endMode: 'HALTED',
    recvWindowMs: 2_000,
    clockMarginMs: 500,
    freshMs: 5_000,
    settle: { ms: 3_000, boundMs: 25_000, missing: 0, unresolved: 0, queued: 0 },
  };
}

const failing = (e: Evidence) =>
  checkAll(e)
    .filter((r) => !r.ok)
    .map((r) => r.name);

describe('chaos invariants', () => {
  it('all pass on a clean storm, and the last line counts them', () => {
    expect(failing(clean())).toEqual([]);
    expect(formatChecks(checkAll(clean())).at(-1)).toBe('9 passed, 0 failed');
  });

  it('1: a client order id with two exchange orders (a resend after the first ended)', () => {
    const e = clean();
    const second = order('a', { orderId: 99, time: T0 + 12 * S });
    expect(failing({ ...e, simOrders: [...e.simOrders, second] })).toContain('one-order-per-key');
  });

  it('2: an acknowledged intent without a row', () => {
    const e = clean();
    expect(failing({ ...e, rows: e.rows.slice(0, 1) })).toContain('every-intent-has-a-row');
  });

  it('3: a row that disagrees with the exchange, a row claiming an order, an order without a row', () => {
    const e = clean();
    const [a, bb] = e.rows as [RowEvidence, RowEvidence];
    expect(failing({ ...e, rows: [{ ...a, state: 'NEW' }, bb] })).toContain('db-equals-exchange');
    expect(failing({ ...e, rows: [{ ...a, executedQty: '0.0005' }, bb] })).toContain(
      'db-equals-exchange',
    );
    expect(failing({ ...e, rows: [a, { ...bb, state: 'UNKNOWN' }] })).toContain(
      'db-equals-exchange',
    );
    const stray = order('zzz', { account: 'paper', clientOrderId: 'x-stray' });
    expect(failing({ ...e, simOrders: [...e.simOrders, stray] })).toContain('db-equals-exchange');
  });

  it('4: a live order outside every session (beyond recvWindow + margin), or fenced at a non-LIVE version', () => {
    const e = clean();
    const late = order('a', { time: T0 + 30 * S + 2_600 });
    expect(failing({ ...e, simOrders: [late] })).toContain('no-live-order-unarmed');
    const inWindow = order('a', { time: T0 + 30 * S + 2_400 });
    expect(failing({ ...e, simOrders: [inWindow] })).not.toContain('no-live-order-unarmed');
    const [a, bb] = e.rows as [RowEvidence, RowEvidence];
    const fenced = { ...e, fenceColumn: true, rows: [{ ...a, fenceVersion: 2 }, bb] };
    expect(failing(fenced)).toContain('no-live-order-unarmed');
    const unfenced = { ...e, fenceColumn: true, rows: [{ ...a, fenceVersion: null }, bb] };
    expect(failing(unfenced)).toContain('no-live-order-unarmed');
    expect(failing({ ...e, fenceColumn: true, rows: [{ ...a, fenceVersion: 1 }, bb] })).toEqual([]);
  });

  it('5: a live order accepted after a kill committed, a kill never answered, a send fenced after it', () => {
    const e = clean();
    const sessions = [
      ...e.sessions,
      { id: 's2', startedAt: T0 + 40 * S, endedAt: T0 + 60 * S, expiresAt: T0 + 3_600 * S },
    ];
    const afterKill = order('a', { time: T0 + 63 * S });
    expect(failing({ ...e, sessions, simOrders: [afterKill] })).toContain('no-send-after-stop');
    const afterRearm = order('a', { time: T0 + 45 * S });
    expect(failing({ ...e, sessions, simOrders: [afterRearm] })).not.toContain(
      'no-send-after-stop',
    );
    const stops = [{ ...e.stops[1]!, ok: false, version: undefined }];
    expect(failing({ ...e, stops })).toContain('no-send-after-stop');
    const [a, bb] = e.rows as [RowEvidence, RowEvidence];
    const fencedAtKill = {
      ...e,
      fenceColumn: true,
      modeAtVersion: new Map([...e.modeAtVersion, [3, 'LIVE' as const]]),
      rows: [{ ...a, fenceVersion: 3 }, bb],
    };
    expect(failing(fencedAtKill)).toContain('no-send-after-stop');
    expect(failing({ ...e, stops: [] })).toContain('no-send-after-stop');
  });

  it('6: a live order still open at the end, or a run that does not end halted', () => {
    const e = clean();
    const open = order('a', { status: 'NEW' });
    const [a, bb] = e.rows as [RowEvidence, RowEvidence];
    expect(failing({ ...e, simOrders: [open], rows: [{ ...a, state: 'NEW' }, bb] })).toEqual([
      'no-live-open-after-kill',
    ]);
    expect(failing({ ...e, endMode: 'PAPER' })).toEqual(['no-live-open-after-kill']);
  });

  it('7: a reused key without its refusal event, or whose row took the other body', () => {
    const e = clean();
    expect(failing({ ...e, reuseRefused: new Set() })).toContain('reused-keys-refused');
    const [a, bb] = e.rows as [RowEvidence, RowEvidence];
    expect(failing({ ...e, rows: [{ ...a, fingerprint: 'other' }, bb] })).toContain(
      'reused-keys-refused',
    );
    const racing = e.intents.map((i) =>
      i.reuse === undefined ? i : { ...i, reuse: { ...i.reuse, afterRow: false } },
    );
    const rowsOther = [{ ...a, fingerprint: 'fp-a2' }, bb];
    expect(failing({ ...e, rows: rowsOther })).toContain('reused-keys-refused');
    expect(failing({ ...e, intents: racing, rows: rowsOther })).toEqual([]);
    const none = e.intents.map((i) => ({ ...i, reuse: undefined }));
    expect(failing({ ...e, intents: none })).toContain('reused-keys-refused');
  });

  it('8: more than 1 % of fresh intents STALE; intents published late do not count', () => {
    const e = clean();
    const [a, bb] = e.rows as [RowEvidence, RowEvidence];
    const stale = { ...e, rows: [a, { ...bb, rejectCode: 'STALE' }] };
    expect(failing(stale)).toContain('stale-from-crashes');
    const lateIntents = e.intents.map((i) =>
      i.intentId === 'bb' ? { ...i, ackedAt: i.createdAt + 6_000 } : i,
    );
    expect(failing({ ...stale, intents: lateIntents })).not.toContain('stale-from-crashes');
  });

  it('9: intent messages still unacknowledged, intents without a row or unresolved rows at the bound', () => {
    const e = clean();
    for (const left of [{ queued: 3 }, { missing: 1 }, { unresolved: 2 }])
      expect(failing({ ...e, settle: { ...e.settle, ms: 25_100, ...left } })).toEqual([
        'settled-in-bound',
      ]);
  });

  it('reads the mode at each version from the arming audit rows', () => {
    const modes = modesFromAudit([
      { kind: 'arming.confirmed', details: { version: 1 } },
      { kind: 'arming.refused', details: { code: 'RECONCILE_PENDING' } },
      { kind: 'arming.disarmed', details: { version: 2 } },
      { kind: 'arming.killed', details: { version: 3 } },
      { kind: 'arming.killed', details: { version: 3, alreadyHalted: true } },
      { kind: 'arming.released', details: { version: 4 } },
    ]);
    expect([...modes]).toEqual([
      [0, 'PAPER'],
      [1, 'LIVE'],
      [2, 'PAPER'],
      [3, 'HALTED'],
      [4, 'PAPER'],
    ]);
  });
});
