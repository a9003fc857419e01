import { describe, expect, it, vi } from 'vitest';
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

const report = {
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

function setup() {
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
  });
  return { dash, sockets, checkSession };
}

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
    expect(dash.lastReconcile).toBeNull();

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
    expect(dash.lastReconcile?.runId).toBe('r1');

    dash.stop();
    expect(dash.mode.snapshot).toBeUndefined();
    expect(dash.viewer).toBeUndefined();
    expect(dash.lastReconcile).toBeUndefined();
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
});
