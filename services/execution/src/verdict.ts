/** How a handled message ends: acked (its outcome is committed) or redelivered after a delay. */
export type Verdict = { readonly kind: 'ack' } | { readonly kind: 'nak'; readonly delayMs: number };

export const ACK: Verdict = Object.freeze({ kind: 'ack' });

export function nak(delayMs: number): Verdict {
  return { kind: 'nak', delayMs: Math.max(0, Math.round(delayMs)) };
}

/** Runs `work`, telling JetStream every `everyMs` that the message is still being worked on. */
export async function whileWorking<T>(
  ctl: { working(): void },
  everyMs: number,
  work: () => Promise<T>,
): Promise<T> {
  const timer = setInterval(() => ctl.working(), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
