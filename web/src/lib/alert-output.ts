/** Where alerts go: the desktop (Notification API) and the speaker (WebAudio). */
export interface AlertOutput {
  /** The browser's answer so far; `unsupported` without the Notification API. */
  permission(): NotificationPermission | 'unsupported';
  /** Asks for desktop notifications; call from a user gesture (a click), as browsers require. */
  requestPermission(): Promise<NotificationPermission | 'unsupported'>;
  notify(title: string, body: string): void;
  /** Starts (or resumes) audio; browsers allow it after a user gesture on the page. */
  unlockSound(): void;
  /** A short beep, `times` in a row. */
  beep(times: number): void;
}

type AudioContextClass = new () => AudioContext;

/** The browser's own Notification and AudioContext; every call is a no-op where they are missing. */
export function browserAlertOutput(w: typeof globalThis = globalThis): AlertOutput {
  const Notify = (w as { Notification?: typeof Notification }).Notification;
  const Audio = (w as { AudioContext?: AudioContextClass }).AudioContext;
  let audio: AudioContext | undefined;
  const context = () => {
    if (Audio === undefined) return undefined;
    audio ??= new Audio();
    if (audio.state === 'suspended') void audio.resume().catch(() => {});
    return audio;
  };
  return {
    permission: () => (Notify === undefined ? 'unsupported' : Notify.permission),
    requestPermission: async () =>
      Notify === undefined ? 'unsupported' : await Notify.requestPermission(),
    notify(title, body) {
      if (Notify?.permission !== 'granted') return;
      try {
        new Notify(title, { body, tag: `livegate-${title}` });
      } catch {
        // Some browsers only show notifications from a service worker; the banner still says it.
      }
    },
    unlockSound: () => void context(),
    beep(times) {
      const ctx = context();
      if (ctx === undefined) return;
      for (let i = 0; i < times; i++) {
        const start = ctx.currentTime + i * 0.3;
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'square';
        osc.frequency.value = 880;
        gain.gain.setValueAtTime(0.15, start);
        gain.gain.exponentialRampToValueAtTime(0.001, start + 0.2);
        osc.connect(gain).connect(ctx.destination);
        osc.start(start);
        osc.stop(start + 0.2);
      }
    },
  };
}
