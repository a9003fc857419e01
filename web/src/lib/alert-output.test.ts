import { describe, expect, it } from 'vitest';
import { browserAlertOutput } from './alert-output.js';

/** A stand-in window with the two browser APIs, recording what the output does with them. */
function fakeWindow(permission: NotificationPermission, { throwOnNotify = false } = {}) {
  const seen = { notes: [] as string[], started: [] as number[], resumed: 0, contexts: 0 };
  class FakeNotification {
    static permission = permission;
    static requestPermission = async () => 'granted' as const;
    constructor(title: string, options: { body: string }) {
      if (throwOnNotify) throw new TypeError('use a service worker');
      seen.notes.push(`${title}: ${options.body}`);
    }
  }
  const param = { value: 0, setValueAtTime: () => {}, exponentialRampToValueAtTime: () => {} };
  class FakeAudioContext {
    state = 'suspended';
    currentTime = 10;
    destination = {};
    constructor() {
      seen.contexts += 1;
    }
    resume = async () => {
      seen.resumed += 1;
      this.state = 'running';
    };
    createOscillator = () => ({
      type: '',
      frequency: { ...param },
      connect: (node: unknown) => node,
      start: (at: number) => seen.started.push(at),
      stop: () => {},
    });
    createGain = () => ({ gain: { ...param }, connect: (node: unknown) => node });
  }
  const w = { Notification: FakeNotification, AudioContext: FakeAudioContext };
  return { w: w as unknown as typeof globalThis, seen };
}

describe('browserAlertOutput', () => {
  it('notifies only with permission, and beeps on one audio context', async () => {
    const { w, seen } = fakeWindow('granted');
    const out = browserAlertOutput(w);
    expect(out.permission()).toBe('granted');
    expect(await out.requestPermission()).toBe('granted');
    out.notify('livegate: HALTED', 'by olivia');
    expect(seen.notes).toEqual(['livegate: HALTED: by olivia']);
    out.unlockSound();
    out.beep(2);
    expect(seen.contexts).toBe(1);
    expect(seen.resumed).toBe(1);
    expect(seen.started).toEqual([10, 10.3]);
  });

  it('stays quiet without permission, and when the browser refuses to show one', () => {
    const denied = fakeWindow('denied');
    browserAlertOutput(denied.w).notify('t', 'b');
    expect(denied.seen.notes).toEqual([]);
    const refusing = fakeWindow('granted', { throwOnNotify: true });
    expect(() => browserAlertOutput(refusing.w).notify('t', 'b')).not.toThrow();
  });

  it('does nothing where the APIs are missing', async () => {
    const out = browserAlertOutput({} as typeof globalThis);
    expect(out.permission()).toBe('unsupported');
    expect(await out.requestPermission()).toBe('unsupported');
    expect(() => {
      out.notify('t', 'b');
      out.unlockSound();
      out.beep(1);
    }).not.toThrow();
  });
});
