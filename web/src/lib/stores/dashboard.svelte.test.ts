import type { ReconcileCompleted } from '@livegate/contracts';
import { describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '$lib/api/client.js';
import { Dashboard, sameOriginWsUrl } from './dashboard.svelte.js';
import type { SocketLike } from './live-socket.svelte.js';

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  onmessage: SocketLike['onmessage'] = null;
  close(): void {}
  send(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

const report: ReconcileCompleted = {
  runId: 'r1',
  trigger: 'startup',
  venue: 'paper',
  startedAt: '2026-01-31T12:00:00.000Z',
  finishedAt: '2026-01-31T12:00:01.000Z',
  durationMs: 1000,
  rowsChecked: 3,
  rowsChanged: {},
  fillsAdded: 0,
  externalOrders: 0,
  unresolved: 0,
  errors: [],
};

type Report = ReconcileCompleted;
const reportOf = (venue: 'paper' | 'live', over: Partial<Report> = {}): Report => ({
  ...report,
  runId: `${venue}-run`,
  venue,
  ...over,
});

function setup(lastReports?: () => Promise<ApiResult<{ items: ReconcileCompleted[] }>>) {
  const sockets: FakeSocket[] = [];
  const checkSession = vi.fn();
  const dash = new Dashboard({
    url: () => 'ws://x/ws',
    open: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    checkSession,
    ...(lastReports === undefined ? {} : { lastReports }),
  });
  return { dash, sockets, checkSession };
}

const snapshot = (reconcileBlocked: boolean, lastReconcile: Report | null = null, version = 4) => ({
  type: 'snapshot',
  data: {
    mode: { mode: 'PAPER', version, reconcileBlocked },
    session: { operator: 'alice', role: 'operator', expiresAt: '2026-01-31T20:00:00.000Z' },
    lastReconcile,
  },
});

describe('Dashboard', () => {
  it('builds the same-origin websocket URL', () => {
    expect(sameOriginWsUrl({ protocol: 'https:', host: 'ops.example:8443' })).toBe(
      'wss://ops.example:8443/ws',
    );
    expect(sameOriginWsUrl({ protocol: 'http:', host: '127.0.0.1:5173' })).toBe(
      'ws://127.0.0.1:5173/ws',
    );
  });

  it('takes mode, viewer and last report from the snapshot, then follows mode.changed and reconcile.completed', () => {
    const { dash, sockets } = setup();
    dash.start({ name: 'alice', role: 'operator' });
    expect(dash.isOperator).toBe(true);
    const socket = sockets[0]!;
    socket.onopen?.({});
    socket.send({
      type: 'snapshot',
      data: {
        mode: { mode: 'PAPER', version: 4, reconcileBlocked: false },
        session: { operator: 'alice', role: 'viewer', expiresAt: '2026-01-31T20:00:00.000Z' },
        lastReconcile: null,
      },
    });
    expect(dash.mode.snapshot?.version).toBe(4);
    expect(dash.viewer).toEqual({ name: 'alice', role: 'viewer' });
    expect(dash.isOperator).toBe(false);
    expect(dash.reports).toEqual([]);

    socket.send({
      type: 'mode.changed',
      seq: 9,
      data: {
        mode: 'HALTED',
        previousMode: 'PAPER',
        version: 5,
        operator: 'bob',
        reason: 'stop',
        at: '2026-01-31T12:00:00.000Z',
      },
    });
    expect(dash.mode.snapshot).toMatchObject({ mode: 'HALTED', haltedBy: 'bob' });
    socket.send({ type: 'reconcile.completed', seq: 2, data: report });
    expect(dash.reports?.map((r) => r.runId)).toEqual(['r1']);

    dash.stop();
    expect(dash.mode.snapshot).toBeUndefined();
    expect(dash.viewer).toBeUndefined();
    expect(dash.reports).toBeUndefined();
    expect(dash.socket.connected).toBe(false);
  });

  it('asks whether the session is still valid after every third failed connect', () => {
    vi.useFakeTimers();
    try {
      const { dash, sockets, checkSession } = setup();
      dash.start({ name: 'alice', role: 'operator' });
      for (let i = 0; i < 6; i++) {
        sockets[sockets.length - 1]!.onclose?.({});
        vi.advanceTimersToNextTimer();
      }
      expect(checkSession).toHaveBeenCalledTimes(2);
      dash.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the newest report of each venue: from the snapshot, GET /api/reconcile/last and the events', async () => {
    const read = Promise.resolve<ApiResult<{ items: ReconcileCompleted[] }>>({
      ok: true,
      data: {
        items: [
          reportOf('live'),
          reportOf('paper', { runId: 'old', finishedAt: '2026-01-31T11:00:00.000Z' }),
        ],
      },
    });
    const { dash, sockets } = setup(() => read);
    dash.start({ name: 'alice', role: 'operator' });
    sockets[0]!.onopen?.({});
    sockets[0]!.send(snapshot(false, reportOf('paper')));
    await read;
    expect(dash.reports?.map((r) => r.runId)).toEqual(['live-run', 'paper-run']);
    const later = reportOf('live', { runId: 'live-2', finishedAt: '2026-01-31T12:00:11.000Z' });
    sockets[0]!.send({ type: 'reconcile.completed', seq: 3, data: later });
    expect(dash.reports?.map((r) => r.runId)).toEqual(['live-2', 'paper-run']);
    dash.stop();
  });

  it('ignores a report read that answers after stop, or fails', async () => {
    let answer: (r: ApiResult<{ items: ReconcileCompleted[] }>) => void = () => {};
    const { dash, sockets } = setup(() => new Promise((resolve) => (answer = resolve)));
    dash.start({ name: 'alice', role: 'operator' });
    sockets[0]!.send(snapshot(false));
    dash.stop();
    answer({ ok: true, data: { items: [reportOf('live')] } });
    await Promise.resolve();
    expect(dash.reports).toBeUndefined();

    dash.start({ name: 'alice', role: 'operator' });
    sockets[1]!.send(snapshot(false));
    answer({ ok: false, error: { status: 502, code: 'UNAVAILABLE', message: 'down' } });
    await Promise.resolve();
    expect(dash.reports).toEqual([]);
    dash.stop();
  });

  it('arming blocked by a snapshot clears once the live venue reports 0 unresolved after it', () => {
    const { dash, sockets } = setup();
    dash.start({ name: 'alice', role: 'operator' });
    const socket = sockets[0]!;
    socket.send(snapshot(true, reportOf('live')));
    expect(dash.armingBlocked).toBe(true);
    socket.send({ type: 'reconcile.completed', seq: 1, data: reportOf('paper') });
    expect(dash.armingBlocked).toBe(true);
    socket.send({ type: 'reconcile.completed', seq: 2, data: reportOf('live', { runId: 'l2' }) });
    socket.send({ type: 'reconcile.completed', seq: 3, data: reportOf('live', { runId: 'l3' }) });
    expect(dash.armingBlocked).toBe(false);

    // A live run that leaves rows unresolved blocks again (a paper one does not); a newer snapshot
    // saying blocked restarts the wait.
    socket.send({
      type: 'reconcile.completed',
      seq: 4,
      data: reportOf('paper', { unresolved: 1 }),
    });
    expect(dash.armingBlocked).toBe(false);
    socket.send({
      type: 'reconcile.completed',
      seq: 5,
      data: reportOf('live', { runId: 'l4', unresolved: 1 }),
    });
    expect(dash.armingBlocked).toBe(true);
    socket.send({ type: 'reconcile.completed', seq: 6, data: reportOf('live', { runId: 'l5' }) });
    expect(dash.armingBlocked).toBe(false);
    dash.takeMode({ mode: 'PAPER', version: 5, reconcileBlocked: true });
    expect(dash.armingBlocked).toBe(true);
    dash.takeMode({ mode: 'PAPER', version: 3, reconcileBlocked: false });
    expect(dash.armingBlocked).toBe(true);
    dash.stop();
  });
});
