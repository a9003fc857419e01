import type { ErrorCode } from '@livegate/contracts';
import type { AuditRow, JsonObject } from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import type { Db } from '../auth/operators.repository.js';
import { countRefusal, takeClosedWindows } from '../auth/refusal-windows.repository.js';
import type { AuditWriter } from './audit-writer.js';
import type { GatewayMetrics } from './metrics.js';

/** A refusal the gateway decided, to be audited (aggregated). */
export interface GatewayRefusal {
  readonly code: ErrorCode;
  /** The sentence the caller got. */
  readonly message: string;
  /** The authenticated name, or `anonymous`. */
  readonly actor: string;
  readonly address: string | undefined;
  /** `METHOD /route/:pattern`. */
  readonly route: string;
  /** More for the first row of a window (never secrets). */
  readonly details?: JsonObject;
}

export interface RefusalAudit {
  /**
   * Counts the refusal (metrics and its window); the first of its key in a window writes an
   * `auth.refused` row at once. A failure is logged, never thrown: the caller still gets its refusal.
   */
  record(refusal: GatewayRefusal): Promise<void>;
  /** Writes one `auth.refused_repeated` row per key of every closed window that counted more than one. */
  flush(): Promise<void>;
}

export interface RefusalAuditProps {
  readonly db: Db;
  readonly audit: AuditWriter;
  readonly clock: () => Date;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly windowS: number;
  readonly maxKeys: number;
}

const at = (address: string | undefined): { address?: string } =>
  address === undefined || address === '' ? {} : { address };

/**
 * Audits refusals so that a flood cannot bloat the log: per key (code, actor, client address, route)
 * and window, one `auth.refused` row for the first refusal and one `auth.refused_repeated` row with
 * the count of the rest once the window has closed; at most `maxKeys` keys per window, the rest
 * counted under one key per code. So each window adds at most 2 × (maxKeys + codes) rows.
 */
export function createRefusalAudit({
  db,
  audit,
  clock,
  logger,
  metrics,
  windowS,
  maxKeys,
}: RefusalAuditProps): RefusalAudit {
  const windowMs = windowS * 1000;
  let flushedBefore = 0;
  const windowOf = (now: Date) => new Date(Math.floor(now.getTime() / windowMs) * windowMs);

  async function announce(rows: readonly AuditRow[]): Promise<void> {
    for (const row of rows) await audit.announce(row);
  }

  async function flush(): Promise<void> {
    const current = windowOf(clock());
    try {
      const rows = await db.transaction().execute(async (trx) => {
        const written: AuditRow[] = [];
        for (const w of await takeClosedWindows(trx, current)) {
          if (w.count === 1) continue;
          const details = {
            code: w.code,
            ...at(w.address),
            windowStart: w.window_start.toISOString(),
            windowEnd: new Date(w.window_start.getTime() + windowMs).toISOString(),
            count: w.count - 1,
          };
          written.push(
            await audit.append(trx, {
              kind: 'auth.refused_repeated',
              actor: w.actor,
              subject: w.route,
              details,
            }),
          );
        }
        return written;
      });
      flushedBefore = Math.max(flushedBefore, current.getTime());
      await announce(rows);
    } catch (err) {
      logger.error({ err }, 'refusal counts not written to the audit log');
    }
  }

  async function record(r: GatewayRefusal): Promise<void> {
    metrics.refusals.inc({ code: r.code, route: r.route });
    const windowStart = windowOf(clock());
    if (windowStart.getTime() > flushedBefore) await flush();
    const key = { code: r.code, actor: r.actor, address: r.address ?? '', route: r.route };
    try {
      const row = await db.transaction().execute(async (trx) => {
        const { count, overflow } = await countRefusal(trx, { windowStart, key, maxKeys });
        if (count !== 1) return undefined;
        const start = windowStart.toISOString();
        return audit.append(
          trx,
          overflow
            ? {
                kind: 'auth.refused',
                actor: '*',
                subject: '*',
                details: {
                  code: r.code,
                  message: `more than ${maxKeys} kinds of refusal in this window: the rest are counted together`,
                  windowStart: start,
                  overflow: true,
                },
              }
            : {
                kind: 'auth.refused',
                actor: r.actor,
                subject: r.route,
                details: {
                  code: r.code,
                  message: r.message,
                  ...at(r.address),
                  windowStart: start,
                  ...r.details,
                },
              },
        );
      });
      if (row !== undefined) await audit.announce(row);
    } catch (err) {
      logger.error({ err, code: r.code, route: r.route }, 'refusal not written to the audit log');
    }
  }

  return { record, flush };
}
