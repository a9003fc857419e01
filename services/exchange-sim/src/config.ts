import { parseArgs } from 'node:util';
import { ConfigError, parseEnv } from '@livegate/runtime';
import { z } from 'zod';
import {
  simStartAccountsSchema,
  simStartPricesSchema,
  type SimStartAccount,
  type SimStartPrices,
} from './start-state.js';

/** A JSON document in one variable, parsed with `schema`. */
function jsonOf<S extends z.ZodType>(schema: S) {
  return z
    .string()
    .transform((raw, ctx): unknown => {
      try {
        return JSON.parse(raw);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

const simEnvSchema = z.object({
  /** Token of the `/__sim` admin API; random (and logged) when unset. */
  SIM_ADMIN_TOKEN: z.string().optional(),
  /** Accounts created at start and after a reset: `[{ apiKey, apiSecret, balances, … }]`. */
  SIM_ACCOUNTS: jsonOf(simStartAccountsSchema).optional(),
  /** Last prices at start and after a reset: `{ "BTCUSDT": "60000.00", … }`. */
  SIM_PRICES: jsonOf(simStartPricesSchema).optional(),
});

const integer = (name: string) =>
  z
    .string()
    .regex(/^\d+$/, `--${name} takes a whole number`)
    .transform((v) => Number(v));

const argsSchema = z.object({
  port: integer('port').pipe(z.number().max(65_535, '--port is at most 65535')),
  host: z.string().min(1, '--host takes a host name or address'),
  seed: integer('seed').optional(),
  'walk-ms': integer('walk-ms').pipe(z.number().min(1, '--walk-ms is at least 1')).optional(),
});

export interface SimConfig {
  readonly port: number;
  readonly host: string;
  readonly adminToken: string | undefined;
  /** Seeds generated keys, client order ids and the random walk. */
  readonly seed: number | undefined;
  /** Random-walk step interval; no walk when undefined. */
  readonly walkMs: number | undefined;
  readonly accounts: readonly SimStartAccount[];
  readonly prices: SimStartPrices;
}

export const SIM_USAGE =
  'usage: exchange-sim [--port N] [--host H] [--seed N] [--walk-ms N]   (env: SIM_ADMIN_TOKEN, SIM_ACCOUNTS, SIM_PRICES)';

function readArgs(argv: readonly string[]) {
  // `pnpm start -- --port N` passes the `--` through; parseArgs would treat what follows as positionals.
  const args = argv.filter((arg, i) => !(i === 0 && arg === '--'));
  try {
    return parseArgs({
      args,
      options: {
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        seed: { type: 'string' },
        'walk-ms': { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (err) {
    throw new ConfigError([`${(err as Error).message}; ${SIM_USAGE}`]);
  }
}

/** Reads the simulator's command line and environment once; throws a ConfigError naming every fault. */
export function loadSimConfig({
  argv,
  env,
}: {
  argv: readonly string[];
  env: Record<string, string | undefined>;
}): SimConfig {
  const parsed = argsSchema.safeParse(readArgs(argv));
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => i.message));
  const args = parsed.data;
  const e = parseEnv(simEnvSchema, env);
  return Object.freeze({
    port: args.port,
    host: args.host,
    adminToken: e.SIM_ADMIN_TOKEN,
    seed: args.seed,
    walkMs: args['walk-ms'],
    accounts: e.SIM_ACCOUNTS ?? [],
    prices: e.SIM_PRICES ?? {},
  });
}
