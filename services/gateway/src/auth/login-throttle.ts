import type { Db } from './operators.repository.js';
import {
  countFailures,
  forgetAttempt,
  oldestCounted,
  pruneFailures,
  recordAttempt,
} from './login-failures.repository.js';

export interface LoginThrottleProps {
  readonly db: Db;
  readonly clock: () => Date;
  /** Failures allowed per name tried inside the window. */
  readonly limit: number;
  /** Failures allowed per client address inside the window. */
  readonly addressLimit: number;
  readonly windowS: number;
}

/** An attempt the throttle let through: say how it ended. */
export interface LoginAttempt {
  /** The password was right: the attempt is no failure. */
  succeeded(): Promise<void>;
  /** It stays a failure; failures older than the window are pruned. */
  failed(): Promise<void>;
}

export type LoginAdmission =
  | { readonly ok: true; readonly attempt: LoginAttempt }
  | {
      readonly ok: false;
      /** Which limit: the name tried or the client address. */
      readonly scope: 'name' | 'address';
      readonly failures: number;
      readonly retryAfterS: number;
    };

export interface LoginThrottle {
  /**
   * Records the attempt as a failure first, then counts: over a limit it is refused (and not counted),
   * otherwise admitted. Counting after the write means parallel guesses see each other, so no more
   * than the limit are ever checked inside one window.
   */
  admit(name: string, address: string | undefined): Promise<LoginAdmission>;
}

/** The sign-in throttle: a sliding window over `auth.login_failures`, per name and per client address. */
export function createLoginThrottle({
  db,
  clock,
  limit,
  addressLimit,
  windowS,
}: LoginThrottleProps): LoginThrottle {
  const windowMs = windowS * 1000;
  return {
    async admit(name, address) {
      const now = clock();
      const since = new Date(now.getTime() - windowMs);
      const id = await recordAttempt(db, { name, address, at: now });
      const { byName, byAddress } = await countFailures(db, { name, address, since });
      if (byName <= limit && byAddress <= addressLimit) {
        return {
          ok: true,
          attempt: {
            succeeded: () => forgetAttempt(db, id),
            failed: () => pruneFailures(db, since),
          },
        };
      }
      await forgetAttempt(db, id);
      const byNameOver = byName > limit;
      const scope = byNameOver ? 'name' : 'address';
      const oldest = await oldestCounted(db, {
        key: scope,
        value: byNameOver ? name : (address as string),
        since,
        limit: byNameOver ? limit : addressLimit,
      });
      const retryAfterS = Math.max(
        1,
        Math.ceil((oldest.getTime() + windowMs - now.getTime()) / 1000),
      );
      return { ok: false, scope, failures: (byNameOver ? byName : byAddress) - 1, retryAfterS };
    },
  };
}
