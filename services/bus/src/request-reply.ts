import type { Logger } from '@livegate/runtime';
import { RequestError, TimeoutError, type Msg, type NatsConnection } from '@nats-io/transport-node';
import type { z } from 'zod';
import { parseResult } from '@livegate/contracts';
import { decode, type InvalidMessage } from './decode.js';
import {
  BusNoRespondersError,
  BusPermissionError,
  BusTimeoutError,
  BusValidationError,
  isPermissionViolation,
} from './errors.js';

/**
 * Sends a validated request and returns the validated reply. Throws BusValidationError (bad request
 * or bad reply), BusTimeoutError or BusNoRespondersError.
 */
export async function request<Req extends z.ZodType, Rep extends z.ZodType>(
  nc: NatsConnection,
  subject: string,
  reqSchema: Req,
  repSchema: Rep,
  payload: z.input<Req>,
  { timeoutMs }: { timeoutMs: number },
): Promise<z.output<Rep>> {
  const checked = parseResult(reqSchema, payload);
  if (!checked.ok) throw new BusValidationError(subject, checked.issues);
  let reply: Msg;
  try {
    reply = await nc.request(subject, JSON.stringify(payload), { timeout: timeoutMs });
  } catch (err) {
    if (err instanceof TimeoutError) throw new BusTimeoutError(subject, timeoutMs, { cause: err });
    if (isPermissionViolation(err)) throw new BusPermissionError(subject, { cause: err });
    if (err instanceof RequestError && err.isNoResponders()) {
      throw new BusNoRespondersError(subject, 'service', { cause: err });
    }
    throw err;
  }
  const decoded = decode(repSchema, reply.string());
  if (!decoded.ok) throw new BusValidationError(subject, decoded.issues);
  return decoded.value;
}

export interface ServeOptions<Rep extends z.ZodType> {
  /**
   * Called for a request that is not JSON or fails the schema. What it returns (validated with the
   * reply schema) is sent back; `undefined` sends nothing. Without it the request is logged and dropped.
   */
  readonly onInvalid?: (raw: InvalidMessage) => Promise<z.input<Rep> | undefined>;
}

export interface Server {
  /** Stops taking requests and waits for the ones being answered. */
  stop(): Promise<void>;
}

/**
 * Answers requests on `subject` (queue group = the subject, so several instances share the load).
 * Requests are validated before `handler` runs and replies before they are sent.
 */
export async function serve<Req extends z.ZodType, Rep extends z.ZodType>(
  nc: NatsConnection,
  logger: Logger,
  subject: string,
  reqSchema: Req,
  repSchema: Rep,
  handler: (req: z.output<Req>) => Promise<z.input<Rep>>,
  { onInvalid }: ServeOptions<Rep> = {},
): Promise<Server> {
  const log = logger.child({ subject });

  async function answer(msg: Msg): Promise<void> {
    const decoded = decode(reqSchema, msg.string());
    let reply: z.input<Rep> | undefined;
    try {
      if (decoded.ok) {
        reply = await handler(decoded.value);
      } else {
        log.warn({ issues: decoded.issues }, 'invalid request');
        reply = await onInvalid?.({
          subject: msg.subject,
          data: msg.string(),
          issues: decoded.issues,
        });
      }
    } catch (err) {
      log.error({ err }, 'request handler failed; no reply sent');
      return;
    }
    if (reply === undefined) return;
    const checked = parseResult(repSchema, reply);
    if (!checked.ok) {
      log.error({ issues: checked.issues }, 'reply failed its schema; no reply sent');
      return;
    }
    msg.respond(JSON.stringify(reply));
  }

  const sub = nc.subscribe(subject, { queue: subject });
  const done = (async () => {
    const inFlight = new Set<Promise<void>>();
    for await (const msg of sub) {
      const task = answer(msg).finally(() => inFlight.delete(task));
      inFlight.add(task);
    }
    await Promise.all(inFlight);
  })();
  await nc.flush();
  log.info('serving');
  return {
    async stop() {
      if (!sub.isClosed()) await sub.drain();
      await done;
      log.info('stopped serving');
    },
  };
}
