import type { JetStreamClient } from '@nats-io/jetstream';
import { RequestError } from '@nats-io/transport-node';
import type { z } from 'zod';
import { parseResult } from '@livegate/contracts';
import {
  BusNoRespondersError,
  BusPermissionError,
  BusValidationError,
  isPermissionViolation,
} from './errors.js';

export interface PublishOptions {
  /** Sent as `Nats-Msg-Id`: a repeat inside the stream's duplicate window is stored once. */
  readonly msgId?: string;
}

export interface PublishResult {
  /** Stream sequence of the stored message (the original's, for a duplicate). */
  readonly seq: number;
  /** True when the stream already held a message with this `msgId`. */
  readonly duplicate: boolean;
}

/**
 * Validates `message` with `schema`, then publishes it as JSON to the stream capturing `subject`.
 * The message is sent as given (not the parsed output), so the consumer's parse sees the same input.
 */
export async function publish<S extends z.ZodType>(
  js: JetStreamClient,
  subject: string,
  schema: S,
  message: z.input<S>,
  { msgId }: PublishOptions = {},
): Promise<PublishResult> {
  const checked = parseResult(schema, message);
  if (!checked.ok) throw new BusValidationError(subject, checked.issues);
  try {
    const ack = await js.publish(
      subject,
      JSON.stringify(message),
      msgId === undefined ? {} : { msgID: msgId },
    );
    return { seq: ack.seq, duplicate: ack.duplicate };
  } catch (err) {
    if (isPermissionViolation(err)) throw new BusPermissionError(subject, { cause: err });
    // nats.js reports "no stream captures this subject" as JetStreamNotEnabled caused by no responders
    const cause = (err as Error).cause;
    if (cause instanceof RequestError && cause.isNoResponders()) {
      throw new BusNoRespondersError(subject, 'stream', { cause: err });
    }
    throw err;
  }
}
