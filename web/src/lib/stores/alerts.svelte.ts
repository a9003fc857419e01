import type { ModeSnapshot } from '@livegate/contracts';
import type { AlertOutput } from '$lib/alert-output.js';
import type { Timers } from './live-socket.svelte.js';

export interface AlertSettings {
  /** Beep on an alert (the mute switch). */
  readonly sound: boolean;
  /** Raise a desktop notification on an alert (needs the browser's permission). */
  readonly desktop: boolean;
}

/** Where the settings are kept between visits (localStorage in the browser). */
export interface SettingsStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface AlertsProps {
  output: AlertOutput;
  storage?: SettingsStore | undefined;
  timers?: Timers;
  /** A disconnect alerts only once it has lasted this long (a blip that heals at once stays quiet). */
  disconnectGraceMs?: number;
}

export interface Observed {
  readonly mode: ModeSnapshot | undefined;
  readonly connected: boolean;
}

const KEY = 'livegate.alerts';
const DEFAULTS: AlertSettings = { sound: true, desktop: false };

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function load(storage: SettingsStore | undefined): AlertSettings {
  try {
    const saved = JSON.parse(storage?.getItem(KEY) ?? 'null') as Partial<AlertSettings> | null;
    return {
      sound: typeof saved?.sound === 'boolean' ? saved.sound : DEFAULTS.sound,
      desktop: typeof saved?.desktop === 'boolean' ? saved.desktop : DEFAULTS.desktop,
    };
  } catch {
    return DEFAULTS;
  }
}

/**
 * Sound and desktop alerts for what an operator must not miss while looking elsewhere: the mode
 * turning HALTED, and the live feed dropping (after a short grace). Fed by `observe` with every change
 * of mode and connection; alerts on transitions only, so opening a page that is already HALTED or
 * not yet connected stays quiet. Settings (sound on by default, desktop off until allowed) persist.
 */
export class Alerts {
  sound = $state(DEFAULTS.sound);
  desktop = $state(DEFAULTS.desktop);
  permission = $state<NotificationPermission | 'unsupported'>('default');

  readonly #output: AlertOutput;
  readonly #storage: SettingsStore | undefined;
  readonly #timers: Timers;
  readonly #graceMs: number;
  #previous: Observed | undefined;
  #disconnectTimer: unknown;

  constructor({ output, storage, timers = defaultTimers, disconnectGraceMs = 3_000 }: AlertsProps) {
    this.#output = output;
    this.#storage = storage;
    this.#timers = timers;
    this.#graceMs = disconnectGraceMs;
    const saved = load(storage);
    this.sound = saved.sound;
    this.permission = output.permission();
    this.desktop = saved.desktop && this.permission === 'granted';
  }

  /** Turns the beep on or off (from a click, which also lets the page play sound). */
  setSound(on: boolean): void {
    this.sound = on;
    if (on) this.#output.unlockSound();
    this.#save();
  }

  /** Turns desktop notifications on (asking the browser first; call from a click) or off. */
  async setDesktop(on: boolean): Promise<void> {
    if (on) {
      this.#output.unlockSound();
      this.permission = await this.#output.requestPermission();
    }
    this.desktop = on && this.permission === 'granted';
    this.#save();
  }

  /** Any click on the page: lets the beep play later (browsers block audio until a gesture). */
  unlock(): void {
    if (this.sound) this.#output.unlockSound();
  }

  observe(now: Observed): void {
    const before = this.#previous;
    this.#previous = now;
    if (before === undefined) return;
    const wasHalted = before.mode?.mode === 'HALTED';
    if (before.mode !== undefined && !wasHalted && now.mode?.mode === 'HALTED')
      this.#raise(
        'HALTED',
        `Halted by ${now.mode.haltedBy ?? 'unknown'}: ${now.mode.haltReason ?? 'no reason given'}. Every live intent is refused.`,
        2,
      );
    if (before.connected && !now.connected) {
      this.#timers.clearTimeout(this.#disconnectTimer);
      this.#disconnectTimer = this.#timers.setTimeout(() => {
        this.#disconnectTimer = undefined;
        this.#raise(
          'Disconnected',
          'The dashboard lost its live feed: what it shows may be out of date. Reconnecting…',
          1,
        );
      }, this.#graceMs);
    }
    if (now.connected) this.#cancelDisconnect();
  }

  /** Forgets what was observed (signed out): the next observation starts afresh. */
  reset(): void {
    this.#previous = undefined;
    this.#cancelDisconnect();
  }

  #cancelDisconnect(): void {
    this.#timers.clearTimeout(this.#disconnectTimer);
    this.#disconnectTimer = undefined;
  }

  #raise(what: string, body: string, beeps: number): void {
    if (this.sound) this.#output.beep(beeps);
    if (this.desktop) this.#output.notify(`livegate: ${what}`, body);
  }

  #save(): void {
    try {
      this.#storage?.setItem(KEY, JSON.stringify({ sound: this.sound, desktop: this.desktop }));
    } catch {
      // Private browsing may refuse storage; the setting still holds for this page.
    }
  }
}
