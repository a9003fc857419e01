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

/** A timestamp for tables: local date and time to the second. */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
