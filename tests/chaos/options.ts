import { parseArgs } from 'node:util';

/** What one storm run does; every random choice comes from `seed`. */
export interface StormOptions {
  readonly seed: number;
  /** Original intents published (replays and reused keys come on top). */
  readonly intents: number;
  /** Length of the publishing phase. */
  readonly seconds: number;
  /** Longest wait for the rows to settle after the storm (then the checks run anyway). */
  readonly settleMs: number;
  /** A Postgres URL allowed to CREATE/DROP DATABASE. */
  readonly adminUrl: string;
  /** Keep the storm database and the service logs (always kept when a check fails). */
  readonly keep: boolean;
}

export const LONG = { intents: 3_000, seconds: 180, settleMs: 90_000 } as const;
/** The variant `pnpm test` runs (tests/chaos/storm.int.test.ts): about a minute on 2 cores. */
export const SHORT = { intents: 200, seconds: 15, settleMs: 25_000 } as const;

const LOCAL_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
}

/** `pnpm chaos [--intents N] [--seconds S] [--seed X] [--settle-s S] [--keep]` (long defaults). */
export function parseStormArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): StormOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      intents: { type: 'string' },
      seconds: { type: 'string' },
      seed: { type: 'string' },
      'settle-s': { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const seed =
    values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed must be a non-negative integer');
  const settleS = positive('settle-s', values['settle-s'], LONG.settleMs / 1000);
  return {
    seed,
    intents: positive('intents', values.intents, LONG.intents),
    seconds: positive('seconds', values.seconds, LONG.seconds),
    settleMs: settleS * 1000,
    adminUrl:
      env.DATABASE_URL !== undefined && env.DATABASE_URL !== ''
        ? env.DATABASE_URL
        : LOCAL_ADMIN_URL,
    keep: values.keep ?? false,
  };
}
