import type { Bus } from '@livegate/bus';
import { auditAnchorSchema, type AuditAnchor } from '@livegate/contracts';
import type { Database } from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import type { Kysely } from 'kysely';
import { readAuditHead } from './head.js';

export type AnchorBus = Pick<Bus, 'subjects' | 'publish'>;

/**
 * Publishes the chain's current head on `anchor.audit` (msgId `anchor-<lastId>`, so instances
 * anchoring the same head at once store it once). Returns what was anchored; nothing while the log
 * is empty.
 */
export async function anchorAuditHead(
  db: Kysely<Database>,
  bus: AnchorBus,
  now: () => Date = () => new Date(),
): Promise<AuditAnchor | undefined> {
  const head = await readAuditHead(db);
  if (head === undefined) return undefined;
  const anchor: AuditAnchor = { ...head, at: now().toISOString() };
  await bus.publish(bus.subjects.auditAnchor, auditAnchorSchema, anchor, {
    msgId: `anchor-${head.lastId}`,
  });
  return anchor;
}

export interface AnchoringProps {
  readonly db: Kysely<Database>;
  readonly bus: AnchorBus;
  readonly intervalMs: number;
  readonly logger: Logger;
  readonly now?: () => Date;
}

export interface Anchoring {
  /** Anchors the head now unless it is the one anchored last; failures are logged, not thrown. */
  tick(): Promise<AuditAnchor | undefined>;
  stop(): Promise<void>;
}

/** Anchors the chain's head at start and every `intervalMs` after, whenever it moved. */
export function startAnchoring({ db, bus, intervalMs, logger, now }: AnchoringProps): Anchoring {
  const log = logger.child({ component: 'audit-anchor' });
  let last: string | undefined;
  let running: Promise<AuditAnchor | undefined> = Promise.resolve(undefined);
  const once = async (): Promise<AuditAnchor | undefined> => {
    try {
      const head = await readAuditHead(db);
      if (head === undefined || head.lastId === last) return undefined;
      const anchor = await anchorAuditHead(db, bus, now);
      last = anchor?.lastId;
      log.info({ lastId: anchor?.lastId }, 'audit chain head anchored');
      return anchor;
    } catch (err) {
      log.error({ err }, 'anchoring the audit chain head failed; next try on the next tick');
      return undefined;
    }
  };
  const tick = () => (running = running.then(once));
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
