const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Time left as the operator reads it: `3h 05m 09s`, `4m 02s`, `17s`, and `0s` once it has run out.
 * Seconds round up, so `0s` appears only when the time is really over.
 */
export function formatRemaining(ms: number): string {
  if (!(ms > 0)) return '0s';
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s)}s`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}

/** A duration in words for explanations: `4 hours`, `90 minutes`, `45 seconds`. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s % 3600 === 0 && s >= 3600) return s === 3600 ? '1 hour' : `${s / 3600} hours`;
  if (s % 60 === 0 && s >= 60) return s === 60 ? '1 minute' : `${s / 60} minutes`;
  return s === 1 ? '1 second' : `${s} seconds`;
}

/** Milliseconds from `now` until the ISO instant `iso` (negative once past). */
export function msUntil(iso: string, now: number): number {
  return Date.parse(iso) - now;
}

/** The browser's offset from UTC at `d`, in minutes east (Asia/Kolkata: 330). */
const browserOffset = (d: Date) => -d.getTimezoneOffset();

/** `UTC`, `UTC+05:30`, `UTC-04:00`: the zone of a shown time. */
export function formatZone(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const abs = Math.abs(offsetMinutes);
  return `UTC${offsetMinutes > 0 ? '+' : '-'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The one way the dashboard shows an instant: local date and time to the second, with the zone —
 * `2026-01-31 17:30:05 UTC+05:30`. Anything that is not an instant comes back as it came.
 * `offsetOf` is the zone's offset at that instant (default: the browser's, daylight saving included).
 */
export function formatTimestamp(
  iso: string,
  offsetOf: (d: Date) => number = browserOffset,
): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const offset = offsetOf(d);
  const l = new Date(d.getTime() + offset * 60_000);
  const date = `${l.getUTCFullYear()}-${pad(l.getUTCMonth() + 1)}-${pad(l.getUTCDate())}`;
  const time = `${pad(l.getUTCHours())}:${pad(l.getUTCMinutes())}:${pad(l.getUTCSeconds())}`;
  return `${date} ${time} ${formatZone(offset)}`;
}
