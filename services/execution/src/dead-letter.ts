import { deadLetterSchema, type DeadLetter, type OrderIntent } from '@livegate/contracts';
import type { ExecutionBus } from './execution-bus.js';

/**
 * Sends an intent message execution gives up on to `orders.deadletter.<source>` (DEAD_LETTERS), msgId
 * `dead-<source>:<intentId>`, for an operator to look at. Only a parsed intent goes round again (a
 * message that is not one is refused at once), so the letter always names its source and id.
 */
export async function publishDeadLetter(
  bus: ExecutionBus,
  {
    intent,
    raw,
    reason,
    deliveries,
    now,
  }: { intent: OrderIntent; raw: unknown; reason: string; deliveries: number; now: number },
): Promise<DeadLetter> {
  const letter: DeadLetter = {
    intentId: intent.intentId,
    source: intent.source,
    reason,
    deliveries,
    at: new Date(now).toISOString(),
    payload: raw,
  };
  await bus.publish(bus.subjects.orderDeadLetter(intent.source), deadLetterSchema, letter, {
    msgId: `dead-${intent.source}:${intent.intentId}`,
  });
  return letter;
}
