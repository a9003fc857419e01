import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { humanText, idToken, isoDateTime, operatorName, requiredField } from './common.js';
import { positiveDecimalString } from './decimal.js';
import { intentSourceSchema, intentModeSchema } from './intent.js';

/**
 * The pre-trade risk limits execution enforces per venue (`paper` | `live`) and strategy (`source`),
 * decided in the fenced step (DESIGN.md §4): a breach is `REJECTED` `RISK_LIMIT`. A limit that is not
 * set is no limit.
 * - `max_order_notional`: an order's value in `asset` (the symbol's quote asset) may not exceed it;
 * - `max_open_orders`: orders sent and not finished, this one included;
 * - `max_orders_per_second`: orders sent in the last second (database clock), this one included;
 * - `price_collar_pct`: a LIMIT price may differ from the venue's reference price by at most this %;
 * - `max_position`: net bought − sold of `asset` (the base asset), counting fills and the open orders
 *   on the same side, may not exceed it in absolute value after this order;
 * - `pause_after_breaches`: this many `RISK_LIMIT` refusals of the strategy within
 *   {@link PAUSE_WINDOW_S} seconds pause it on that venue: every later order is `REJECTED`
 *   `STRATEGY_PAUSED` until an operator resumes it.
 */
export const riskLimitKindSchema = z
  .enum(
    [
      'max_order_notional',
      'max_open_orders',
      'max_orders_per_second',
      'price_collar_pct',
      'max_position',
      'pause_after_breaches',
    ],
    requiredField,
  )
  .meta({ id: 'RiskLimitKind' });
export type RiskLimitKind = z.infer<typeof riskLimitKindSchema>;

/** The kinds that count orders: whole numbers. */
export const COUNT_LIMIT_KINDS: readonly RiskLimitKind[] = [
  'max_open_orders',
  'max_orders_per_second',
  'pause_after_breaches',
];

/** The window `pause_after_breaches` counts refusals in (database clock). */
export const PAUSE_WINDOW_S = 60;
/** The kinds that are per asset, and which asset of the symbol they name. */
export const ASSET_OF_KIND: Readonly<Partial<Record<RiskLimitKind, 'quote' | 'base'>>> = {
  max_order_notional: 'quote',
  max_position: 'base',
};

/** An asset symbol such as `BTC` or `USDT`: 1..20 uppercase letters or digits. */
export const assetSchema = z
  .string(requiredField)
  .regex(/^[A-Z0-9]{1,20}$/, 'must be 1 to 20 uppercase letters or digits, e.g. BTC');

/** Why a kind, asset and value do not go together (undefined: they do). */
export function riskLimitKeyProblem(
  kind: RiskLimitKind,
  asset: string | null | undefined,
  value: string | null,
): string | undefined {
  const wants = ASSET_OF_KIND[kind];
  if (wants !== undefined && (asset === undefined || asset === null)) {
    const example = wants === 'quote' ? 'the quote asset, e.g. USDT' : 'the base asset, e.g. BTC';
    return `${kind} needs an asset (${example})`;
  }
  if (wants === undefined && asset !== undefined && asset !== null) return `${kind} takes no asset`;
  if (value !== null && COUNT_LIMIT_KINDS.includes(kind) && !new Decimal(value).isInteger()) {
    return `${kind} must be a whole number`;
  }
  return undefined;
}

/** The venue's default: in force for every strategy without a limit of its own of that kind and asset. */
export const DEFAULT_RISK_SOURCE = '*';

/** A strategy (`source`), or `*` for the venue's default limits. */
export const riskSourceSchema = z
  .union([intentSourceSchema, z.literal(DEFAULT_RISK_SOURCE)])
  .meta({ id: 'RiskLimitSource' });

const key = {
  venue: intentModeSchema,
  source: riskSourceSchema,
  kind: riskLimitKindSchema,
};

/** `PUT /api/risk/limits`: set one limit (`value`), or remove it (`value: null` = no limit). */
export const riskLimitChangeSchema = z
  .object({
    ...key,
    asset: assetSchema.optional(),
    value: positiveDecimalString.nullable(),
    reason: humanText,
  })
  .superRefine((change, ctx) => {
    const problem = riskLimitKeyProblem(change.kind, change.asset, change.value);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, path: ['asset'] });
  })
  .meta({ id: 'RiskLimitChange' });
export type RiskLimitChange = z.infer<typeof riskLimitChangeSchema>;

/** One limit in force. */
export const riskLimitSchema = z
  .object({
    ...key,
    asset: assetSchema.nullable(),
    value: positiveDecimalString,
    updatedBy: operatorName,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'RiskLimit' });
export type RiskLimit = z.infer<typeof riskLimitSchema>;

/** A change proposed under four-eyes, waiting for a second operator. */
export const riskLimitProposalSchema = z
  .object({
    id: idToken,
    ...key,
    asset: assetSchema.nullable(),
    value: positiveDecimalString.nullable(),
    reason: humanText,
    proposedBy: operatorName,
    proposedAt: isoDateTime,
  })
  .meta({ id: 'RiskLimitProposal' });
export type RiskLimitProposal = z.infer<typeof riskLimitProposalSchema>;

/** A strategy paused on a venue by `pause_after_breaches`, until an operator resumes it. */
export const pausedStrategySchema = z
  .object({
    venue: intentModeSchema,
    source: intentSourceSchema,
    breaches: z.number().int().positive(),
    reason: humanText,
    pausedAt: isoDateTime,
  })
  .meta({ id: 'PausedStrategy' });
export type PausedStrategy = z.infer<typeof pausedStrategySchema>;

/** `POST /api/risk/resume`: end a strategy's pause on a venue (audited with the reason). */
export const strategyResumeSchema = z
  .object({ venue: intentModeSchema, source: intentSourceSchema, reason: humanText })
  .meta({ id: 'StrategyResume' });
export type StrategyResume = z.infer<typeof strategyResumeSchema>;

/** `GET /api/risk/limits`: every limit in force, every proposal waiting, every paused strategy. */
export const riskLimitListSchema = z
  .object({
    limits: z.array(riskLimitSchema),
    pending: z.array(riskLimitProposalSchema),
    paused: z.array(pausedStrategySchema),
    fourEyes: z.boolean(),
  })
  .meta({ id: 'RiskLimitList' });
export type RiskLimitList = z.infer<typeof riskLimitListSchema>;

/** `POST /api/risk/limits/approve` (four-eyes): apply a proposal; the approver must not be its proposer. */
export const riskLimitApprovalSchema = z
  .object({ proposalId: idToken })
  .meta({ id: 'RiskLimitApproval' });
export type RiskLimitApproval = z.infer<typeof riskLimitApprovalSchema>;

/**
 * `POST /api/risk/limits/reject` (four-eyes): end a proposal unapplied — a withdrawal when its
 * proposer sends it, a rejection when another operator does.
 */
export const riskLimitRejectionSchema = z
  .object({ proposalId: idToken, reason: humanText })
  .meta({ id: 'RiskLimitRejection' });
export type RiskLimitRejection = z.infer<typeof riskLimitRejectionSchema>;

/** The answer to a rejection: the proposal as it was and how it ended. */
export const riskLimitRejectedSchema = z
  .object({
    proposal: riskLimitProposalSchema,
    decision: z.enum(['withdrawn', 'rejected']),
  })
  .meta({ id: 'RiskLimitRejected' });
export type RiskLimitRejected = z.infer<typeof riskLimitRejectedSchema>;
