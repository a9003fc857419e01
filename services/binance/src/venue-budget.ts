import type { Logger } from '@livegate/runtime';
import type { VenueConfig } from './venue-config.js';
import type { Operation } from './classify-error.js';
import type { RateLimited } from './outcome.js';
import {
  createWeightBudget,
  weightOfCall,
  type BudgetClass,
  type BudgetSnapshot,
  type VenueCounts,
} from './weight-budget.js';
import { tapVenueAnswers, type VenueAnswerFacts } from './weight-tap.js';

/** What instances tell each other about one venue key and IP (see {@link BudgetShare}). */
export interface BudgetNote extends VenueCounts {
  /** Epoch ms until which nobody may call the venue (a 429 / 418 Retry-After). */
  readonly stopUntil?: number | undefined;
}

/**
 * How instances of execution and the reconciler share one budget: every answer's counts and every
 * stop are published, and every note received is applied (max of counts, latest stop: applying a
 * note twice, or our own, changes nothing). `@livegate/bus` provides it over NATS.
 */
export interface BudgetShare {
  publish(note: BudgetNote): void;
  subscribe(listener: (note: BudgetNote) => void): () => void;
}

export interface VenueBudgetOptions {
  readonly host: string;
  readonly apiKey: string;
  readonly budgetClass: BudgetClass;
  readonly weightPerMinute: number;
  readonly ordersPer10s: number;
  readonly readShare: number;
  readonly orderShare: number;
  readonly now: () => number;
  readonly logger: Logger;
  readonly share?: BudgetShare | undefined;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface VenueBudget {
  /** Undefined: the call may go now (its weight is taken); else the local rate limit to answer with. */
  admit(op: Operation, label: string): RateLimited | undefined;
  /**
   * Waits until an order may be sent (polling at most every `pollMs`) while `mayStillWait()`;
   * true when it may go now, false when the caller's time ran out first.
   */
  waitForOrder(mayStillWait: () => boolean): Promise<boolean>;
  /** Undefined when an order could go now (nothing taken), else the local rate limit: checked before the fence. */
  orderHeldBack(): RateLimited | undefined;
  snapshot(): BudgetSnapshot;
  close(): void;
}

const POLL_MS = 20;

/** The adapter's budget: a {@link createWeightBudget} fed by the venue's headers and by other instances. */
export function createVenueBudget(options: VenueBudgetOptions): VenueBudget {
  const { now, logger, share, budgetClass } = options;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref()));
  const budget = createWeightBudget(options);

  const apply = (note: BudgetNote) => {
    budget.observe(note);
    if (note.stopUntil !== undefined) budget.stopUntil(note.stopUntil);
  };
  const onAnswer = (facts: VenueAnswerFacts) => {
    // Weight is per IP (every key on this host); order counts are per account (ours only).
    const note: BudgetNote = {
      usedWeight: facts.usedWeight,
      ...(facts.apiKey === options.apiKey && { orderCount10s: facts.orderCount10s }),
      ...((facts.status === 429 || facts.status === 418) && {
        stopUntil: now() + (facts.retryAfterMs ?? 60_000),
      }),
    };
    if (note.stopUntil !== undefined) {
      logger.warn(
        { status: facts.status, stopUntil: note.stopUntil },
        'venue rate limit: every client of this venue stops until Retry-After has passed',
      );
    }
    apply(note);
    share?.publish(note);
  };
  const untap = tapVenueAnswers(options.host, onAnswer);
  const unsubscribe = share?.subscribe(apply);

  return {
    admit(op, label) {
      const answer = budget.admit(budgetClass, weightOfCall(label), op === 'place');
      if (answer.kind === 'go') return undefined;
      logger.debug({ call: label, reason: answer.reason, waitMs: answer.waitMs }, 'call held back');
      return {
        kind: 'rate-limited',
        retryAfterMs: answer.waitMs,
        banned: false,
        message: answer.message,
      };
    },
    orderHeldBack() {
      const answer = budget.peek(budgetClass, weightOfCall('order'), true);
      return answer.kind === 'go'
        ? undefined
        : {
            kind: 'rate-limited',
            retryAfterMs: answer.waitMs,
            banned: false,
            message: answer.message,
          };
    },
    async waitForOrder(mayStillWait) {
      for (;;) {
        const answer = budget.peek(budgetClass, weightOfCall('order'), true);
        if (answer.kind === 'go') return true;
        if (!mayStillWait()) return false;
        await sleep(Math.min(POLL_MS, answer.waitMs));
      }
    },
    snapshot: () => budget.snapshot(),
    close() {
      untap();
      unsubscribe?.();
    },
  };
}

/** The budget of one adapter from its settings: the venue's `host[:port]` and API key name it. */
export function createAdapterBudget(
  config: VenueConfig,
  deps: { now: () => number; logger: Logger; share?: BudgetShare | undefined },
): VenueBudget {
  return createVenueBudget({
    host: new URL(config.baseUrl).host,
    apiKey: config.apiKey,
    budgetClass: config.budgetClass,
    weightPerMinute: config.weightPerMinute,
    ordersPer10s: config.ordersPer10s,
    readShare: config.readShare,
    orderShare: config.orderShare,
    ...deps,
  });
}
