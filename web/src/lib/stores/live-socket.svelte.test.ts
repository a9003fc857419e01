import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveSocket, type ParsedFrame, type SocketLike } from './live-socket.svelte.js';

/** A stand-in for the browser's WebSocket: the test drives open, message and close by hand. */
class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  onmessage: SocketLike['onmessage'] = null;
  closedWith: { code?: number; reason?: string } | undefined;
  constructor(readonly url: string) {}
  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
  }
  serverOpens() {
    this.onopen?.({});
  }
  serverSends(data: unknown) {
    this.onmessage?.({ data });
  }
  drops() {
    this.onclose?.({});
  }
}

interface Events extends Record<string, unknown> {
  ping: { n: number };
  note: string;
}

const parse = (text: string): ParsedFrame<Events> => {
  const value = JSON.parse(text) as { type: string; data: unknown };
  if (value.type === 'ping')
    return { ok: true, frame: { type: 'ping', data: value.data as { n: number }, seq: 3 } };
  if (value.type === 'note') return { ok: true, frame: { type: 'note', data: String(value.data) } };
  return { ok: false, issues: [`type: unknown "${value.type}"`] };
};

function setup(overrides: { random?: () => number; failOpen?: () => boolean } = {}) {
  const sockets: FakeSocket[] = [];
  const invalid: (readonly string[])[] = [];
  const failures: number[] = [];
  let n = 0;
  const live = new LiveSocket<Events>({
    url: () => `ws://dash.test/ws?n=${++n}`,
    parse,
    open: (url) => {
      if (overrides.failOpen?.()) throw new Error('blocked');
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    initialRetryMs: 1_000,
    maxRetryMs: 8_000,
    staleAfterMs: 30_000,
    random: overrides.random ?? (() => 1),
    onInvalid: (issues) => invalid.push(issues),
    onFailure: (n) => failures.push(n),
  });
  const last = () => sockets[sockets.length - 1]!;
  return { live, sockets, invalid, last, failures };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('LiveSocket', () => {
  it('is not connected until the socket opens, then dispatches parsed frames by type', () => {
    const { live, sockets, last } = setup();
    const pings: [{ n: number }, number | undefined][] = [];
    const notes: string[] = [];
    live.on('ping', (d, seq) => pings.push([d, seq]));
    live.on('note', (d) => notes.push(d));

    expect(live.status).toBe('idle');
    live.connect();
    expect(sockets).toHaveLength(1);
    expect(last().url).toBe('ws://dash.test/ws?n=1');
    expect(live.connected).toBe(false);
    expect(live.status).toBe('connecting');

    last().serverOpens();
    expect(live.connected).toBe(true);
    expect(live.status).toBe('open');
    last().serverSends(JSON.stringify({ type: 'ping', data: { n: 7 } }));
    last().serverSends(JSON.stringify({ type: 'note', data: 'hello' }));
    expect(pings).toEqual([[{ n: 7 }, 3]]);
    expect(notes).toEqual(['hello']);
  });

  it('drops invalid and non-text frames, reporting why, without calling listeners', () => {
    const { live, last, invalid } = setup();
    const seen = vi.fn();
    live.on('ping', seen);
    live.connect();
    last().serverOpens();
    last().serverSends(JSON.stringify({ type: 'bogus', data: 1 }));
    last().serverSends(new ArrayBuffer(2));
    expect(seen).not.toHaveBeenCalled();
    expect(invalid).toEqual([['type: unknown "bogus"'], ['frame is not text']]);
  });

  it('unsubscribes a listener', () => {
    const { live, last } = setup();
    const seen = vi.fn();
    const off = live.on('ping', seen);
    live.connect();
    last().serverOpens();
    off();
    last().serverSends(JSON.stringify({ type: 'ping', data: { n: 1 } }));
    expect(seen).not.toHaveBeenCalled();
  });

  it('connect() twice opens one socket', () => {
    const { live, sockets } = setup();
    live.connect();
    live.connect();
    expect(sockets).toHaveLength(1);
  });

  it('reconnects after a drop with doubling delays capped at the maximum, and resets after success', () => {
    const { live, sockets, last, failures } = setup();
    live.connect();
    last().serverOpens();
    last().drops();
    expect(live.connected).toBe(false);
    expect(live.status).toBe('down');
    expect(live.retryAt).toBe(Date.now() + 1_000);

    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = sockets.length;
      const wait = live.retryAt! - Date.now();
      vi.advanceTimersByTime(wait - 1);
      expect(sockets).toHaveLength(before);
      vi.advanceTimersByTime(1);
      expect(sockets).toHaveLength(before + 1);
      delays.push(wait);
      last().drops(); // refused again, never opened
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
    expect(failures).toEqual([1, 2, 3, 4, 5]); // the first drop came after an open: not a failure

    vi.advanceTimersByTime(live.retryAt! - Date.now());
    last().serverOpens();
    expect(live.connected).toBe(true);
    expect(live.retryAt).toBeUndefined();
    last().drops();
    expect(live.retryAt! - Date.now()).toBe(1_000);
  });

  it('spreads retries between half and all of the delay', () => {
    const { live, last } = setup({ random: () => 0 });
    live.connect();
    last().drops();
    expect(live.retryAt! - Date.now()).toBe(500);
  });

  it('retries when the socket cannot even be constructed', () => {
    let fail = true;
    const { live, sockets, failures } = setup({ failOpen: () => fail });
    live.connect();
    expect(sockets).toHaveLength(0);
    expect(live.status).toBe('down');
    expect(failures).toEqual([1]);
    expect(live.retryAt).toBeDefined();
    fail = false;
    vi.advanceTimersByTime(1_000);
    expect(sockets).toHaveLength(1);
  });

  it('treats a silent link as dead: closes it and reconnects without waiting for close', () => {
    const { live, sockets, last } = setup();
    live.connect();
    const first = last();
    first.serverOpens();
    vi.advanceTimersByTime(29_000);
    first.serverSends(JSON.stringify({ type: 'ping', data: { n: 1 } })); // any frame re-arms
    vi.advanceTimersByTime(29_000);
    expect(live.connected).toBe(true);

    vi.advanceTimersByTime(1_000);
    expect(first.closedWith).toEqual({ code: 4000, reason: 'no frames' });
    expect(live.connected).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(sockets).toHaveLength(2);

    first.drops(); // the late close of the replaced socket changes nothing
    first.serverOpens();
    first.serverSends(JSON.stringify({ type: 'ping', data: { n: 2 } }));
    expect(sockets).toHaveLength(2);
    expect(live.connected).toBe(false);
  });

  it('closes the socket on error (the close then triggers the retry)', () => {
    const { live, last } = setup();
    live.connect();
    last().onerror?.({});
    expect(last().closedWith).toEqual({ code: undefined, reason: undefined });
  });

  it('close() stops for good: no retry, no stale timer, connected false', () => {
    const { live, sockets, last } = setup();
    live.connect();
    last().serverOpens();
    live.close();
    expect(last().closedWith?.code).toBe(1000);
    expect(live.connected).toBe(false);
    expect(live.status).toBe('idle');
    last().drops();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);

    live.connect();
    expect(sockets).toHaveLength(2);
  });

  it('close() during a scheduled retry cancels it', () => {
    const { live, sockets, last } = setup();
    live.connect();
    last().drops();
    live.close();
    expect(live.retryAt).toBeUndefined();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });
});
