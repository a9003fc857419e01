import { deadLetterSchema, type DeadLetter } from '@livegate/contracts';
import type { ExecutionBus } from './execution-bus.js';

/** The intent's usable id and source, if the raw message has them. */
function idsOf(raw: unknown): Pick<DeadLetter, 'intentId' | 'source'> {
  const parsed = deadLetterSchema
    .pick({ intentId: true, source: true })
    .safeParse(typeof raw === 'object' && raw !== null ? raw : {});
  return parsed.success ? parsed.data : {};
}

/**
 * Sends an intent message execution gives up on to `orders.deadletter.<source>` (DEAD_LETTERS; source
 * `unknown` when it has none), msgId `dead-<intentId or stream seq>`, for an operator to look at.
 */
export async function publishDeadLetter(
  bus: ExecutionBus,
  {
    raw,
    reason,
    deliveries,
    seq,
    now,
  }: { raw: unknown; reason: string; deliveries: number; seq: number; now: number },
): Promise<DeadLetter> {
  const ids = idsOf(raw);
  const letter: DeadLetter = {
    ...ids,
    reason,
    deliveries,
    at: new Date(now).toISOString(),
    payload: raw,
  };
  await bus.publish(
    bus.subjects.orderDeadLetter(ids.source ?? 'unknown'),
    deadLetterSchema,
    letter,
    {
      msgId: `dead-${ids.intentId ?? `seq-${seq}`}`,
    },
  );
  return letter;
}
