import type { PublishingBus } from '@livegate/bus';
import type { z } from 'zod';

/** The part of `@livegate/bus`'s Bus the arming service uses. */
export interface ArmingBus extends PublishingBus {
  serve<Q extends z.ZodType, R extends z.ZodType>(
    subject: string,
    requestSchema: Q,
    replySchema: R,
    handler: (request: z.output<Q>) => Promise<z.input<R>>,
    options?: { onInvalid?: (raw: { issues: string[] }) => Promise<z.input<R> | undefined> },
  ): Promise<{ stop(): Promise<void> }>;
}
