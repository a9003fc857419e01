import { reconcileCompletedSchema, type ReconcileCompleted } from '@livegate/contracts';
import type { Logger } from '@livegate/runtime';
import type { ExecutionBus } from './execution-bus.js';

export interface ReconcileWatch {
  /** The latest completed run for the live venue that started at or after `since`. */
  last(): ReconcileCompleted | undefined;
  stop(): Promise<void>;
}

/**
 * Follows `reconcile.completed` on the RECONCILE stream with a durable of this instance's own (every
 * instance must see every run), remembering the latest live run that started at or after `since`.
 */
export async function watchReconcile({
  bus,
  instanceId,
  since,
  logger,
}: {
  bus: ExecutionBus;
  instanceId: string;
  since: number;
  logger: Logger;
}): Promise<ReconcileWatch> {
  let last: ReconcileCompleted | undefined;
  const consumer = await bus.consume({
    stream: bus.streams.reconcile,
    durable: `execution-reconcile-${instanceId}`,
    filterSubject: bus.subjects.reconcileCompleted,
    schema: reconcileCompletedSchema,
    handler: async (run, ctl) => {
      if (run.venue !== 'live' || Date.parse(run.startedAt) < since) {
        logger.debug(
          { runId: run.runId, venue: run.venue },
          'reconcile.completed does not open the live intake',
        );
      } else {
        last = run;
        logger.info(
          { runId: run.runId, unresolved: run.unresolved },
          'live venue reconciled: live intake open',
        );
      }
      await ctl.ack();
    },
    onInvalid: async ({ issues }) => {
      logger.warn({ issues }, 'invalid reconcile.completed ignored');
    },
  });
  return { last: () => last, stop: () => consumer.stop() };
}
