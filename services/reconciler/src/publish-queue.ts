import type { OrderEvent } from '@livegate/contracts';
import type { ApplyContext } from './apply-plan.js';
import { describeFailure } from './run-error.js';
import { addError } from './tally.js';

export interface PublishQueue {
  /** Events of a committed transaction: published from now on, at most `width` awaiting their acks. */
  push(events: readonly OrderEvent[]): void;
  /** Resolves once every pushed event is published or reported failed. */
  drained(): Promise<void>;
}

/**
 * Publishes the order events of committed batches, each with its msgId and JetStream ack, several
 * at once and while the next batch commits. The events are already stored with their rows: a
 * publish that fails is logged and reported in the run (`PUBLISH_FAILED`), as a single row's is.
 */
export function createPublishQueue(ctx: ApplyContext, width: number): PublishQueue {
  const queue: OrderEvent[] = [];
  let next = 0;
  let active = 0;
  let waiters: Array<() => void> = [];

  async function publishOne(event: OrderEvent): Promise<void> {
    try {
      await ctx.publisher.announce({ events: [event], audits: [] });
    } catch (err) {
      ctx.logger.error({ err, intentId: event.intentId }, 'publishing the order event failed');
      addError(ctx.tally, {
        code: 'PUBLISH_FAILED',
        message: `The change of intent ${event.intentId} is stored, but its event was not published: ${describeFailure(err)}`,
      });
    }
  }

  function pump(): void {
    while (active < width && next < queue.length) {
      const event = queue[next] as OrderEvent;
      next += 1;
      active += 1;
      void publishOne(event).then(() => {
        active -= 1;
        pump();
      });
    }
    if (active === 0) {
      for (const resolve of waiters) resolve();
      waiters = [];
    }
  }

  return {
    push(events) {
      queue.push(...events);
      pump();
    },
    drained() {
      return new Promise((resolve) => {
        waiters.push(resolve);
        pump();
      });
    },
  };
}
