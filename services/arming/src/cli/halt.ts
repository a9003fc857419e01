import { userInfo } from 'node:os';
import type { ModeSnapshot } from '@livegate/contracts';
import { systemClock, type Clock } from '../clock.js';
import type { ArmingRules } from '../config.js';
import type { Db } from '../db.js';
import { runVerb } from '../run-verb.js';
import { decideKill } from '../stop-verbs.js';
import type { Reply } from '../verb-outcome.js';

export type HaltArgs = { ok: true; reason: string } | { ok: false; message: string };

const USAGE = 'usage: pnpm halt --reason <text>';

/** `--reason <text>` or `--reason=<text>` (a leading `--` from `pnpm halt -- …` is ignored). */
export function parseHaltArgs(argv: readonly string[]): HaltArgs {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  let reason: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--reason') reason = args[(i += 1)];
    else if (arg.startsWith('--reason=')) reason = arg.slice('--reason='.length);
    else return { ok: false, message: `unknown argument "${arg}"; ${USAGE}` };
  }
  if (reason === undefined || reason.trim() === '') {
    return { ok: false, message: `a reason is required; ${USAGE}` };
  }
  return { ok: true, reason: reason.trim() };
}

/** The actor a halt from this machine is audited under: `cli@<os user>` (operator-name safe). */
export function cliOperator(user: string = userInfo().username): string {
  const safe = user.replace(/[^A-Za-z0-9_.@-]/g, '-').slice(0, 60);
  return `cli@${safe === '' ? 'unknown' : safe}`;
}

/**
 * The out-of-band kill (`pnpm halt`): the arming service's own kill decision, run straight on the
 * database — no bus, no gateway — in one transaction that latches HALTED, ends the live session,
 * voids arm tokens, writes the audit row and queues `mode.changed` in the outbox. Execution acts on it
 * from the database (it reads the trading state every EXECUTION_KILL_POLL_MS) even if no relay runs.
 */
export async function halt({
  db,
  rules,
  reason,
  operator = cliOperator(),
  clock = systemClock,
}: {
  db: Db;
  rules: ArmingRules;
  reason: string;
  operator?: string;
  clock?: Clock;
}): Promise<Reply<ModeSnapshot>> {
  const { reply } = await runVerb({ db, clock, rules }, { verb: 'kill', operator }, (input) =>
    decideKill(input, { operator, reason }),
  );
  return reply;
}

/** The one line `pnpm halt` prints for a reply. */
export function describeHalt(reply: Reply<ModeSnapshot>): string {
  if (!reply.ok) return `halt refused: ${reply.error.code}: ${reply.error.message}`;
  return `HALTED (trading state version ${reply.result.version}): live intents are refused and execution cancels open live orders as soon as it reads the trading state. Release from the dashboard when it is safe.`;
}
