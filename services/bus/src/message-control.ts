import type { Logger } from '@livegate/runtime';
import type { JsMsg } from '@nats-io/jetstream';

/** What a handler may do with the message it was given. Exactly one of ack / nak / term counts. */
export interface MessageControl {
  /** Acks and waits until the server confirmed it; call only after your side effects committed. */
  ack(): Promise<void>;
  /** Asks for redelivery, after `delayMs` when given. */
  nak(delayMs?: number): void;
  /** Never deliver this message again; `reason` is logged (nats-server 2.9 ignores a `+TERM` with a reason). */
  term(reason?: string): void;
  /** Restarts the ack-wait clock during slow work. */
  working(): void;
  /** 1 on the first delivery, 2 on the first redelivery, … */
  readonly deliveryCount: number;
  readonly subject: string;
  /** The `Nats-Msg-Id` it was published with, if any. */
  readonly msgId: string | undefined;
  /** Stream sequence. */
  readonly seq: number;
}

export interface TrackedControl extends MessageControl {
  /** True once ack, nak or term was called. */
  readonly settled: boolean;
}

export function createControl(m: JsMsg, log: Logger): TrackedControl {
  let settled = false;
  return {
    async ack() {
      settled = true;
      await m.ackAck();
    },
    nak(delayMs) {
      settled = true;
      m.nak(delayMs);
    },
    term(reason) {
      settled = true;
      log.warn({ subject: m.subject, seq: m.seq, reason }, 'message terminated');
      m.term();
    },
    working() {
      m.working();
    },
    get settled() {
      return settled;
    },
    deliveryCount: m.info.deliveryCount,
    subject: m.subject,
    msgId: m.headers?.get('Nats-Msg-Id') || undefined,
    seq: m.seq,
  };
}
