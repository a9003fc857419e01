import type { Db } from './operators.repository.js';
import {
  countFailures,
  forgetAttempt,
  oldestCounted,
  pruneFailures,
  recordAttempt,
  type FailureScope,
} from './login-failures.repository.js';

export interface LoginThrottleProps {
  readonly db: Db;
  readonly clock: () => Date;
  /** Failures allowed per name from one client address inside the window. */
  readonly limit: number;
  /** Failures allowed per client address (every name) inside the window. */
  readonly addressLimit: number;
  readonly windowS: number;
  /** The slow-down of a name failing from many addresses: `stepMs` doubling, at most `maxMs`. */
  readonly slowdown: { readonly stepMs: number; readonly maxMs: number };
}

/** An attempt the throttle let through: say how it ended. */
export interface LoginAttempt {
  /** Wait this long before checking the password (the name is failing from many addresses). */
  readonly delayMs: number;
  /** The password was right: the attempt is no failure. */
  succeeded(): Promise<void>;
  /** It stays a failure; failures older than the window are pruned. */
  failed(): Promise<void>;
}

export type LoginAdmission =
  | { readonly ok: true; readonly attempt: LoginAttempt }
  | {
      readonly ok: false;
      /** Which limit: this name from this address, or this address for every name. */
      readonly scope: 'name' | 'address';
      readonly failures: number;
      readonly retryAfterS: number;
    };

export interface LoginThrottle {
  /**
   * Records the attempt as a failure first, then counts: over a limit it is refused (and not counted),
   * otherwise admitted, slowed when the name fails from many addresses. Counting after the write means
   * parallel guesses see each other, so no more than the limit are checked per name and address.
   */
  admit(name: string, address: string | undefined): Promise<LoginAdmission>;
}

/** The wait before the check of a name with `failures` (this one included) inside the window. */
export function slowdownMs(
  failures: number,
  limit: number,
  { stepMs, maxMs }: LoginThrottleProps['slowdown'],
): number {
  const beyond = failures - limit;
  if (beyond <= 0) return 0;
  return Math.min(maxMs, stepMs * 2 ** (beyond - 1));
}

/**
 * The sign-in throttle, a sliding window over `auth.login_failures`. It refuses (429) only what the
 * caller's own address did: `limit` failures of one name from it, or `addressLimit` of every name. A
 * name failing from many addresses is slowed, never refused, so failures from elsewhere cannot lock an
 * operator out of her own client.
 */
export function createLoginThrottle({
  db,
  clock,
  limit,
  addressLimit,
  windowS,
  slowdown,
}: LoginThrottleProps): LoginThrottle {
  const windowMs = windowS * 1000;
  return {
    async admit(name, address) {
      const now = clock();
      const since = new Date(now.getTime() - windowMs);
      const id = await recordAttempt(db, { name, address, at: now });
      const { byName, byPair, byAddress } = await countFailures(db, { name, address, since });
      const pairOver = byPair > limit;
      if (!pairOver && byAddress <= addressLimit) {
        return {
          ok: true,
          attempt: {
            delayMs: slowdownMs(byName, limit, slowdown),
            succeeded: () => forgetAttempt(db, id),
            failed: () => pruneFailures(db, since),
          },
        };
      }
      await forgetAttempt(db, id);
      const scope: FailureScope = pairOver
        ? { key: 'pair', name, address }
        : { key: 'address', address: address as string };
      const oldest = await oldestCounted(db, {
        scope,
        since,
        limit: pairOver ? limit : addressLimit,
      });
      const retryAfterS = Math.max(
        1,
        Math.ceil((oldest.getTime() + windowMs - now.getTime()) / 1000),
      );
      return {
        ok: false,
        scope: pairOver ? 'name' : 'address',
        failures: (pairOver ? byPair : byAddress) - 1,
        retryAfterS,
      };
    },
  };
}
