import type { Logger } from '@livegate/runtime';
import type { z } from 'zod';
import { classifyError, type Operation } from './classify-error.js';
import type { HttpStatusProbe } from './http-status-probe.js';
import { toPlain } from './normalize.js';
import type { Duplicate, NotFound, Ok, RateLimited, VenueFailure } from './outcome.js';
import type { Redactor } from './redact.js';
import type { VenueBudget } from './venue-budget.js';
import type { VenueHealthTracker } from './venue-health.js';
import { withTimeout } from './with-timeout.js';

export interface VenueCallDeps {
  readonly timeoutMs: number;
  readonly defaultBackoffMs: number;
  readonly now: () => number;
  readonly probe: HttpStatusProbe;
  readonly health: VenueHealthTracker;
  readonly redact: Redactor;
  readonly logger: Logger;
  /** -1021: the clock offset is wrong; measure it again before the next signed call. */
  readonly onClockRejected: () => void;
  /** The shared request-weight budget: a call it holds back is answered locally, never sent. */
  readonly budget?: Pick<VenueBudget, 'admit'>;
}

type Failure<O extends Operation> = O extends 'place'
  ? VenueFailure | Duplicate
  : O extends 'lookup' | 'cancel'
    ? VenueFailure | NotFound
    : VenueFailure;

export type VenueCall = <O extends Operation, S extends z.ZodType>(
  op: O,
  label: string,
  request: () => Promise<unknown>,
  schema: S,
) => Promise<Ok<z.output<S>> | Failure<O>>;

function stopped(retryAfterMs: number): RateLimited {
  return {
    kind: 'rate-limited',
    retryAfterMs,
    banned: true,
    message: 'venue stopped after an IP ban (HTTP 418); nothing was sent',
  };
}

/**
 * One venue request: refused locally while a ban lasts, raced against our timeout, its error mapped
 * to a typed outcome, its answer normalised (BigNumber, null prototypes) and parsed with zod. Health
 * follows the result; every outcome but success is logged with no secret in it.
 */
export function createVenueCall(deps: VenueCallDeps): VenueCall {
  const { health, logger } = deps;

  function noteFailure(label: string, failure: VenueFailure | Duplicate | NotFound): void {
    const fields = {
      call: label,
      outcome: failure.kind,
      ...('code' in failure ? { code: failure.code } : {}),
    };
    if (failure.kind === 'config-fault') {
      health.configFault(failure.code, failure.message);
      if (failure.code === -1021) deps.onClockRejected();
      logger.error(
        { ...fields, reason: failure.message },
        'venue refused our configuration; venue marked unhealthy',
      );
    } else if (failure.kind === 'rate-limited') {
      if (failure.banned) health.banned(failure.retryAfterMs, failure.message);
      logger.warn(
        { ...fields, retryAfterMs: failure.retryAfterMs, banned: failure.banned },
        'venue rate limit',
      );
    } else if (failure.kind === 'unknown') {
      logger.warn(
        { ...fields, cause: failure.cause, reason: failure.message },
        'venue answer unknown',
      );
    } else {
      logger.info({ ...fields, reason: failure.message }, 'venue refused');
    }
  }

  return async function venueCall<O extends Operation, S extends z.ZodType>(
    op: O,
    label: string,
    request: () => Promise<unknown>,
    schema: S,
  ): Promise<Ok<z.output<S>> | Failure<O>> {
    const banFor = health.stoppedFor();
    if (banFor !== undefined) return stopped(banFor) as Failure<O>;
    const heldBack = deps.budget?.admit(op, label);
    if (heldBack !== undefined) return heldBack as Failure<O>;
    let raw: unknown;
    try {
      raw = await withTimeout(request, deps.timeoutMs);
    } catch (err) {
      const url =
        typeof err === 'object' && err !== null ? (err as { url?: unknown }).url : undefined;
      const ctx = {
        facts: deps.probe.take(url),
        now: deps.now(),
        defaultBackoffMs: deps.defaultBackoffMs,
        redact: deps.redact,
      };
      const failure = classifyError(err, op as 'query', ctx);
      noteFailure(label, failure);
      return failure as Failure<O>;
    }
    const parsed = schema.safeParse(toPlain(raw));
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      const failure: VenueFailure = {
        kind: 'unknown',
        cause: 'invalid-response',
        message: `unexpected answer: ${issues.join('; ')}`,
      };
      noteFailure(label, failure);
      return failure as Failure<O>;
    }
    health.succeeded();
    logger.debug({ call: label }, 'venue answered');
    return { kind: 'ok', value: parsed.data as z.output<S> };
  };
}
