import type { Logger } from '@livegate/runtime';
import type { JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import type { z } from 'zod';
import { ensureConsumer } from './consumer-config.js';
import { decode, type InvalidMessage } from './decode.js';
import { createControl, type MessageControl } from './message-control.js';

export interface ConsumeOptions<S extends z.ZodType> {
  readonly stream: string;
  /** Durable name: instances sharing it share the work. */
  readonly durable: string;
  readonly schema: S;
  readonly filterSubject?: string;
  /** Redelivery after this long without ack; default 30 s. */
  readonly ackWaitMs?: number;
  /** Deliveries before JetStream gives up; default -1 (no limit). */
  readonly maxDeliver?: number;
  /** Messages handled at once; default 1 (in order). */
  readonly maxInFlight?: number;
  /** Redelivery delay after a handler throws; default 1 s. */
  readonly retryDelayMs?: number;
  readonly handler: (msg: z.output<S>, ctl: MessageControl) => Promise<void>;
  /**
   * Called for a message that is not JSON or fails the schema; it is then terminated (never
   * redelivered). If `onInvalid` itself throws, the message is nak'd so the report is retried.
   */
  readonly onInvalid?: (raw: InvalidMessage) => Promise<void>;
}

export interface Consumer {
  /** Stops pulling, hands back undelivered buffered messages, waits for in-flight handlers. */
  stop(): Promise<void>;
}

/** Pull-loop chatter; anything else (deleted consumer, missed heartbeats, …) is worth a warning. */
const ROUTINE = new Set(['next', 'heartbeat', 'discard', 'debug', 'flow_control']);

interface Deps {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly logger: Logger;
}

/** A durable pull consumer whose handler sees only schema-valid messages. */
export async function consume<S extends z.ZodType>(
  { js, jsm, logger }: Deps,
  opts: ConsumeOptions<S>,
): Promise<Consumer> {
  const { stream, durable, ackWaitMs = 30_000, maxDeliver = -1, maxInFlight = 1 } = opts;
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) {
    throw new RangeError(`maxInFlight must be an integer >= 1, got ${maxInFlight}`);
  }
  await ensureConsumer(jsm, stream, {
    durable,
    filterSubject: opts.filterSubject,
    ackWaitMs,
    maxDeliver,
  });
  const log = logger.child({ stream, durable });
  const handle = createHandler(opts, log, maxDeliver);
  const messages = await (
    await js.consumers.get(stream, durable)
  ).consume({ max_messages: maxInFlight });
  void (async () => {
    for await (const s of messages.status()) {
      log[ROUTINE.has(s.type) ? 'debug' : 'warn']({ status: s }, `consumer ${s.type}`);
    }
  })();

  const running = new Set<Promise<void>>();
  let stopping = false;
  const pump = (async () => {
    for await (const m of messages) {
      if (stopping) {
        m.nak();
        continue;
      }
      const task = handle(m).finally(() => running.delete(task));
      running.add(task);
      while (running.size >= maxInFlight) await Promise.race(running);
    }
  })().catch((err: unknown) =>
    log.error({ err }, 'consumer ended by an error; no more messages will be handled'),
  );
  log.info({ maxInFlight }, 'consuming');

  return {
    async stop() {
      stopping = true;
      await messages.close();
      await pump;
      await Promise.all(running);
      log.info('consumer stopped');
    },
  };
}

function createHandler<S extends z.ZodType>(
  opts: ConsumeOptions<S>,
  log: Logger,
  maxDeliver: number,
) {
  const { schema, handler, onInvalid, retryDelayMs = 1_000 } = opts;
  return async function handleMessage(m: JsMsg): Promise<void> {
    const where = { subject: m.subject, seq: m.seq, deliveryCount: m.info.deliveryCount };
    const decoded = decode(schema, m.string());
    if (!decoded.ok) {
      try {
        await onInvalid?.({ subject: m.subject, data: m.string(), issues: decoded.issues });
      } catch (err) {
        log.error({ ...where, err }, 'onInvalid failed; message will be redelivered');
        return m.nak(retryDelayMs);
      }
      log.warn({ ...where, issues: decoded.issues }, 'invalid message terminated');
      return m.term(); // no reason text: nats-server 2.9 ignores `+TERM <reason>`
    }
    const ctl = createControl(m, log);
    try {
      await handler(decoded.value, ctl);
      if (ctl.settled) return;
      log.warn(where, 'handler returned without ack, nak or term; redelivering');
    } catch (err) {
      const last = maxDeliver > 0 && ctl.deliveryCount >= maxDeliver;
      log.error({ ...where, err }, last ? 'handler failed on the last delivery' : 'handler failed');
      if (ctl.settled) return;
    }
    ctl.nak(retryDelayMs);
  };
}
