/** Whether the venue can be used: config faults make it unhealthy, a 418 ban stops it until a time. */
export type VenueHealth =
  | { readonly state: 'healthy' }
  | {
      readonly state: 'unhealthy';
      readonly code: number;
      readonly message: string;
      readonly since: number;
    }
  | {
      readonly state: 'stopped';
      readonly until: number;
      readonly message: string;
      readonly since: number;
    };

export interface VenueHealthTracker {
  current(): VenueHealth;
  /** Milliseconds left of a ban, or undefined when calls may go out. */
  stoppedFor(): number | undefined;
  configFault(code: number, message: string): void;
  banned(retryAfterMs: number, message: string): void;
  /** A call succeeded: an unhealthy venue is healthy again (a ban is not lifted early). */
  succeeded(): void;
}

const HEALTHY: VenueHealth = { state: 'healthy' };

export function createVenueHealth({
  now,
  onChange,
}: {
  now: () => number;
  onChange: (health: VenueHealth) => void;
}): VenueHealthTracker {
  let health: VenueHealth = HEALTHY;
  const set = (next: VenueHealth) => {
    health = next;
    onChange(next);
  };
  const current = () => {
    if (health.state === 'stopped' && now() >= health.until) set(HEALTHY);
    return health;
  };
  return {
    current,
    stoppedFor() {
      const h = current();
      return h.state === 'stopped' ? h.until - now() : undefined;
    },
    configFault(code, message) {
      if (current().state !== 'stopped') set({ state: 'unhealthy', code, message, since: now() });
    },
    banned(retryAfterMs, message) {
      set({ state: 'stopped', until: now() + retryAfterMs, message, since: now() });
    },
    succeeded() {
      if (current().state === 'unhealthy') set(HEALTHY);
    },
  };
}
