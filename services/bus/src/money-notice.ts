import { balancesStoredSchema, type BalancesStored } from '@livegate/contracts';
import type { Logger } from '@livegate/runtime';
import type { Bus } from './bus.js';

/**
 * `money.balances.<venue>` over core NATS (no stream): a notice that balances were stored, for the
 * dashboard's push. Losing one costs a moment of staleness on screen (the next notice, a reconnect
 * or the page's slow poll repairs it), so nothing is kept. Publishing never waits and never throws
 * on a closed connection.
 */
export function publishBalancesStored(
  bus: Pick<Bus, 'nc' | 'subjects'>,
  note: BalancesStored,
): void {
  if (bus.nc.isClosed()) return;
  bus.nc.publish(
    bus.subjects.moneyBalances(note.venue),
    JSON.stringify(balancesStoredSchema.parse(note)),
  );
}

/** Every venue's notices; one that does not parse is logged and dropped. Returns the unsubscribe. */
export function subscribeBalancesStored(
  bus: Pick<Bus, 'nc' | 'subjects'>,
  logger: Logger,
  listener: (note: BalancesStored) => void,
): () => void {
  const subject = bus.subjects.moneyBalancesAll;
  const sub = bus.nc.subscribe(subject, {
    callback: (_err, msg) => {
      let body: unknown;
      try {
        body = JSON.parse(msg.string());
      } catch {
        body = undefined;
      }
      const parsed = balancesStoredSchema.safeParse(body);
      if (parsed.success) listener(parsed.data);
      else logger.warn({ subject: msg.subject }, 'balances notice dropped: it does not parse');
    },
  });
  return () => sub.unsubscribe();
}
