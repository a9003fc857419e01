import { budgetNoteSchema, type BudgetNoteMessage } from '@livegate/contracts';
import type { Logger } from '@livegate/runtime';
import type { Bus } from './bus.js';

/** Shaped as `@livegate/binance`'s BudgetShare (the bus does not depend on the adapter). */
export interface VenueBudgetShare {
  publish(note: BudgetNoteMessage): void;
  subscribe(listener: (note: BudgetNoteMessage) => void): () => void;
}

/**
 * The request-weight budget of one venue key shared over core NATS (`venue.budget.<venue>`, no
 * stream: a note is only worth something for the minute it describes, and one lost note costs
 * nothing the next answer's headers do not repair). Publishing never waits; a note that does not
 * parse is logged and dropped.
 */
export function createBudgetShare(
  bus: Pick<Bus, 'nc' | 'subjects'>,
  venue: string,
  logger: Logger,
): VenueBudgetShare {
  const subject = bus.subjects.venueBudget(venue);
  const log = logger.child({ component: 'budget-share', venue });
  return {
    publish(note) {
      if (bus.nc.isClosed()) return;
      bus.nc.publish(subject, JSON.stringify(budgetNoteSchema.parse(note)));
    },
    subscribe(listener) {
      const sub = bus.nc.subscribe(subject, {
        callback: (_err, msg) => {
          let body: unknown;
          try {
            body = JSON.parse(msg.string());
          } catch {
            body = undefined;
          }
          const parsed = budgetNoteSchema.safeParse(body);
          if (parsed.success) listener(parsed.data);
          else log.warn({ subject }, 'budget note dropped: it does not parse');
        },
      });
      return () => sub.unsubscribe();
    },
  };
}
