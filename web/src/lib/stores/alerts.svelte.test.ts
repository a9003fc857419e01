import type { ModeSnapshot } from '@livegate/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlertOutput } from '$lib/alert-output.js';
import { Alerts, type SettingsStore } from './alerts.svelte.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const paper: ModeSnapshot = { mode: 'PAPER', version: 1, reconcileBlocked: false };
const halted: ModeSnapshot = {
  mode: 'HALTED',
  version: 2,
  haltedBy: 'olivia',
  haltReason: 'runaway',
  reconcileBlocked: false,
};

function fakeOutput(
  permission: NotificationPermission | 'unsupported' = 'default',
  answer = permission,
) {
  let current = permission;
  const seen = { notes: [] as string[], beeps: [] as number[], unlocks: 0, asked: 0 };
  const output: AlertOutput = {
    permission: () => current,
    requestPermission: async () => {
      seen.asked += 1;
      current = answer;
      return answer;
    },
    notify: (title, body) => seen.notes.push(`${title}: ${body}`),
    unlockSound: () => void (seen.unlocks += 1),
    beep: (times) => seen.beeps.push(times),
  };
  return { output, seen };
}

function memoryStorage(
  initial: Record<string, string> = {},
): SettingsStore & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

describe('Alerts', () => {
  it('beeps (sound is on by default) and notifies once allowed, when the mode turns HALTED — not when it already was', async () => {
    const { output, seen } = fakeOutput('default', 'granted');
    const storage = memoryStorage();
    const alerts = new Alerts({ output, storage });
    expect([alerts.sound, alerts.desktop]).toEqual([true, false]);
    await alerts.setDesktop(true);
    expect(seen.asked).toBe(1);
    expect(alerts.desktop).toBe(true);
    expect(JSON.parse(storage.data['livegate.alerts']!)).toEqual({ sound: true, desktop: true });

    alerts.observe({ mode: halted, connected: true });
    expect(seen.beeps).toEqual([]);
    alerts.observe({ mode: paper, connected: true });
    alerts.observe({ mode: halted, connected: true });
    alerts.observe({ mode: { ...halted, version: 3 }, connected: true });
    expect(seen.beeps).toEqual([2]);
    expect(seen.notes).toEqual([
      'livegate: HALTED: Halted by olivia: runaway. Every live intent is refused.',
    ]);
  });

  it('does not call a first-known mode a change, and says "unknown" for a halt without who and why', () => {
    const { output, seen } = fakeOutput('granted');
    const alerts = new Alerts({
      output,
      storage: memoryStorage({ 'livegate.alerts': '{"desktop":true}' }),
    });
    expect(alerts.desktop).toBe(true);
    alerts.observe({ mode: undefined, connected: true });
    alerts.observe({ mode: halted, connected: true });
    expect(seen.notes).toEqual([]);
    alerts.observe({ mode: paper, connected: true });
    alerts.observe({
      mode: { mode: 'HALTED', version: 4, reconcileBlocked: false },
      connected: true,
    });
    expect(seen.notes).toEqual([
      'livegate: HALTED: Halted by unknown: no reason given. Every live intent is refused.',
    ]);
  });

  it('alerts a disconnect that lasts past the grace period; a quick reconnect or a reset stays quiet', async () => {
    const { output, seen } = fakeOutput('granted');
    const alerts = new Alerts({ output, storage: undefined, disconnectGraceMs: 3_000 });
    await alerts.setDesktop(true);
    alerts.observe({ mode: paper, connected: false });
    alerts.observe({ mode: paper, connected: true });
    alerts.observe({ mode: paper, connected: false });
    vi.advanceTimersByTime(2_000);
    alerts.observe({ mode: paper, connected: true });
    vi.advanceTimersByTime(5_000);
    expect(seen.beeps).toEqual([]);

    alerts.observe({ mode: paper, connected: false });
    alerts.reset();
    vi.advanceTimersByTime(5_000);
    expect(seen.beeps).toEqual([]);

    alerts.observe({ mode: paper, connected: true });
    alerts.observe({ mode: paper, connected: false });
    alerts.observe({ mode: paper, connected: false });
    vi.advanceTimersByTime(3_000);
    expect(seen.beeps).toEqual([1]);
    expect(seen.notes).toEqual([
      'livegate: Disconnected: The dashboard lost its live feed: what it shows may be out of date. Reconnecting…',
    ]);
  });

  it('muted: no beep, and the setting is kept; a refused permission leaves desktop off', async () => {
    const { output, seen } = fakeOutput('default', 'denied');
    const storage = memoryStorage();
    const alerts = new Alerts({ output, storage });
    alerts.setSound(false);
    await alerts.setDesktop(true);
    expect([alerts.sound, alerts.desktop, alerts.permission]).toEqual([false, false, 'denied']);
    alerts.observe({ mode: paper, connected: true });
    alerts.observe({ mode: halted, connected: true });
    expect(seen.beeps).toEqual([]);
    expect(new Alerts({ output, storage }).sound).toBe(false);

    alerts.setSound(true);
    expect(seen.unlocks).toBeGreaterThan(0);
    const unlocks = seen.unlocks;
    alerts.unlock();
    expect(seen.unlocks).toBe(unlocks + 1);
    alerts.setSound(false);
    alerts.unlock();
    expect(seen.unlocks).toBe(unlocks + 1);
    await alerts.setDesktop(false);
    expect(alerts.desktop).toBe(false);
  });

  it('survives unreadable or unwritable storage', () => {
    const { output } = fakeOutput();
    const broken: SettingsStore = {
      getItem: () => '{not json',
      setItem: () => {
        throw new Error('quota');
      },
    };
    const alerts = new Alerts({ output, storage: broken });
    expect(alerts.sound).toBe(true);
    expect(() => alerts.setSound(false)).not.toThrow();
  });
});
