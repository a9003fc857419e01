import type { jetstream } from '@nats-io/jetstream';
import type { streamNames, Subjects } from '@livegate/contracts';
import type { z } from 'zod';

/** The raw NATS connection, as the JetStream client takes it. */
export type NatsConnectionLike = Parameters<typeof jetstream>[0];

/** The part of `@livegate/bus`'s Bus the gateway uses (a narrow port: tests pass the real bus). */
export interface GatewayBus {
  readonly subjects: Subjects;
  readonly streams: ReturnType<typeof streamNames>;
  readonly nc: NatsConnectionLike;
  publish<S extends z.ZodType>(
    subject: string,
    schema: S,
    message: z.input<S>,
    options?: { msgId?: string },
  ): Promise<{ seq: number; duplicate: boolean }>;
  request<Req extends z.ZodType, Rep extends z.ZodType>(
    subject: string,
    reqSchema: Req,
    repSchema: Rep,
    payload: z.input<Req>,
    options: { timeoutMs: number },
  ): Promise<z.output<Rep>>;
}
