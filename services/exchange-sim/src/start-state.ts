import { z } from 'zod';
import { asset, simApiKey, simApiSecret, unsignedDecimal } from './admin/schemas.js';

const positivePrice = unsignedDecimal.refine((p) => /[1-9]/.test(p), 'must be greater than 0');

/**
 * An account the simulator holds from the start (and again after `POST /__sim/reset`), e.g. a
 * development venue's account: its own key and secret, free balances, commission rates
 * ("0.001" = 0.1 %, the default).
 */
export const simStartAccountSchema = z.strictObject({
  apiKey: simApiKey,
  apiSecret: simApiSecret,
  balances: z.record(asset, unsignedDecimal).default({}),
  makerCommission: unsignedDecimal.default('0.001'),
  takerCommission: unsignedDecimal.default('0.001'),
});
export type SimStartAccount = z.input<typeof simStartAccountSchema>;

/** The start accounts: API keys differ. */
export const simStartAccountsSchema = z
  .array(simStartAccountSchema)
  .superRefine((accounts, ctx) => {
    const seen = new Set<string>();
    accounts.forEach(({ apiKey }, i) => {
      if (seen.has(apiKey))
        ctx.addIssue({ code: 'custom', path: [i, 'apiKey'], message: `${apiKey} is listed twice` });
      seen.add(apiKey);
    });
  });

/** Last prices at start (and after a reset) by symbol, overriding the symbols' initial prices. */
export const simStartPricesSchema = z.record(
  z.string().regex(/^[A-Z0-9]{5,20}$/, 'a symbol like BTCUSDT'),
  positivePrice,
);
export type SimStartPrices = z.input<typeof simStartPricesSchema>;

/** What the simulator holds at start and returns to on reset, parsed. */
export interface SimStartState {
  readonly accounts: readonly z.output<typeof simStartAccountSchema>[];
  readonly prices: Readonly<Record<string, string>>;
}

/**
 * Parses the start accounts and prices (throws naming the field at fault) and checks every priced
 * symbol is listed.
 */
export function parseStartState(
  input: {
    readonly accounts?: readonly SimStartAccount[] | undefined;
    readonly prices?: SimStartPrices | undefined;
  },
  listed: ReadonlySet<string>,
): SimStartState {
  const accounts = simStartAccountsSchema.safeParse(input.accounts ?? []);
  const prices = simStartPricesSchema.safeParse(input.prices ?? {});
  const issues: string[] = [];
  if (!accounts.success)
    issues.push(...accounts.error.issues.map((i) => `accounts.${i.path.join('.')}: ${i.message}`));
  if (!prices.success)
    issues.push(...prices.error.issues.map((i) => `prices.${i.path.join('.')}: ${i.message}`));
  else
    issues.push(
      ...Object.keys(prices.data)
        .filter((symbol) => !listed.has(symbol))
        .map((symbol) => `prices.${symbol}: not a listed symbol (${[...listed].join(', ')})`),
    );
  if (!accounts.success || !prices.success || issues.length > 0)
    throw new Error(`invalid start state: ${issues.join('; ')}`);
  return { accounts: accounts.data, prices: prices.data };
}
