import { z } from '@hono/zod-openapi';
import { riskLimitSchema, type RiskLimitChange } from '@livegate/contracts';

/** The answer to an applied change: the limit now in force (null: none). */
export const changedSchema = z
  .object({ limit: riskLimitSchema.nullable() })
  .meta({ id: 'RiskLimitChanged' });

/** The audit details of a limit change. */
export const detailsOf = (c: RiskLimitChange) => ({
  venue: c.venue,
  source: c.source,
  kind: c.kind,
  asset: c.asset ?? null,
  to: c.value,
  reason: c.reason,
});

/** The audit subject of a limit: `venue/source/kind[/asset]`. */
export const subjectOf = (c: {
  venue: string;
  source: string;
  kind: string;
  asset?: string | undefined;
}) => [c.venue, c.source, c.kind, ...(c.asset === undefined ? [] : [c.asset])].join('/');
