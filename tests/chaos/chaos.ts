import type { StormDatabase } from './database.js';
import type { Operator } from './operator.js';
import type { Rng } from './rng.js';
import { EXECUTION_SLOTS, type Supervisor } from './services.js';

export type ChaosAction =
  | { readonly at: number; readonly kind: 'kill-execution'; readonly slot: 'exec-a' | 'exec-b' }
  | { readonly at: number; readonly kind: 'kill-reconciler' }
  | {
      readonly at: number;
      readonly kind: 'restart-nats';
      readonly signal: 'SIGTERM' | 'SIGKILL';
      readonly downMs: number;
    }
  | { readonly at: number; readonly kind: 'terminate-pg' }
  | { readonly at: number; readonly kind: 'disarm' }
  /** Arm again, retried until `until` (arming is refused while a reconcile runs or has unresolved rows). */
  | { readonly at: number; readonly kind: 'arm'; readonly until: number }
  /**
   * The kill switch, with NATS SIGKILLed `natsAfterMs` after the request went out: around the commit
   * and the `mode.changed` announcement that follows it (a kill must not ride on that one publish).
   */
  | {
      readonly at: number;
      readonly kind: 'kill-switch';
      readonly natsAfterMs: number;
      readonly downMs: number;
    };

/** Spread `n` times over [from, to) of `ms`, sorted. */
function times(rng: Rng, n: number, ms: number, from = 0.05, to = 0.9): number[] {
  return Array.from({ length: n }, () => Math.floor(ms * (from + (to - from) * rng.next()))).sort(
    (a, b) => a - b,
  );
}

/**
 * The storm's schedule for a publishing phase of `seconds`: execution SIGKILLs about every 12 s
 * (at least 3), the reconciler killed every minute (at least once), NATS restarted every 90 s (at
 * least once) plus around the kill switch, Postgres connections terminated every 4 s (at least
 * 3); the operator disarms at 30 %, arms again at 42 % (retrying until 68 %: arming waits for a
 * clean reconcile) and kills at 70 % (the run ends halted).
 */
export function planChaos(rng: Rng, seconds: number): ChaosAction[] {
  const ms = seconds * 1000;
  const actions: ChaosAction[] = [
    ...times(rng, Math.max(3, Math.round(seconds / 12)), ms).map((at) => ({
      at,
      kind: 'kill-execution' as const,
      slot: rng.pick(EXECUTION_SLOTS),
    })),
    ...times(rng, Math.max(1, Math.round(seconds / 60)), ms, 0.1, 0.85).map((at) => ({
      at,
      kind: 'kill-reconciler' as const,
    })),
    ...times(rng, Math.max(1, Math.round(seconds / 90)), ms, 0.1, 0.85).map((at) => ({
      at,
      kind: 'restart-nats' as const,
      signal: rng.chance(0.5) ? ('SIGKILL' as const) : ('SIGTERM' as const),
      downMs: rng.int(500, 2_000),
    })),
    ...times(rng, Math.max(3, Math.round(seconds / 4)), ms, 0.02, 0.95).map((at) => ({
      at,
      kind: 'terminate-pg' as const,
    })),
    { at: Math.floor(0.3 * ms), kind: 'disarm' },
    { at: Math.floor(0.42 * ms), kind: 'arm', until: Math.floor(0.68 * ms) },
    {
      at: Math.floor(0.7 * ms),
      kind: 'kill-switch',
      natsAfterMs: rng.int(0, 40),
      downMs: rng.int(500, 2_000),
    },
  ];
  return actions.sort((a, b) => a.at - b.at);
}

export interface NatsControl {
  /** Stops NATS with `signal`, keeps it down `downMs`, starts it again on the same port and store. */
  restart(signal: 'SIGTERM' | 'SIGKILL', downMs: number): Promise<void>;
}

export interface ChaosFigures {
  executionKills: number;
  executionKillsSkipped: number;
  reconcilerKills: number;
  natsRestarts: number;
  pgTerminations: number;
  pgBackendsTerminated: number;
}

/** Runs `plan` against the stack, each action at its time from `startedAt` (none waits for another). */
export function runChaos({
  plan,
  startedAt,
  supervisor,
  db,
  nats,
  operator,
}: {
  plan: readonly ChaosAction[];
  startedAt: number;
  supervisor: Supervisor;
  db: StormDatabase;
  nats: NatsControl;
  operator: Operator;
}): { figures: ChaosFigures; done: Promise<void> } {
  const figures: ChaosFigures = {
    executionKills: 0,
    executionKillsSkipped: 0,
    reconcilerKills: 0,
    natsRestarts: 0,
    pgTerminations: 0,
    pgBackendsTerminated: 0,
  };
  let natsBusy: Promise<void> = Promise.resolve();
  // One operator: a disarm still retrying (bus down) is done before the next arm goes out.
  let operatorBusy: Promise<unknown> = Promise.resolve();
  const asOperator = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = operatorBusy.then(fn);
    operatorBusy = next.catch(() => {});
    return next;
  };
  const restartNats = (signal: 'SIGTERM' | 'SIGKILL', downMs: number) => {
    natsBusy = natsBusy.then(async () => {
      await nats.restart(signal, downMs);
      figures.natsRestarts += 1;
    });
    return natsBusy;
  };

  async function perform(action: ChaosAction): Promise<void> {
    switch (action.kind) {
      case 'kill-execution': {
        // A ready instance (one still starting has nothing in flight to lose): this one, else the other.
        const other = action.slot === 'exec-a' ? 'exec-b' : 'exec-a';
        const target = [supervisor.slots[action.slot], supervisor.slots[other]].find((s) =>
          s.ready(),
        );
        if (target !== undefined && (await target.kill())) figures.executionKills += 1;
        else figures.executionKillsSkipped += 1;
        return;
      }
      case 'kill-reconciler':
        if (supervisor.slots.reconciler.ready() && (await supervisor.slots.reconciler.kill()))
          figures.reconcilerKills += 1;
        return;
      case 'restart-nats':
        return restartNats(action.signal, action.downMs);
      case 'terminate-pg':
        figures.pgTerminations += 1;
        figures.pgBackendsTerminated += await db.terminateBackends();
        return;
      case 'disarm':
        await asOperator(() => operator.disarm());
        return;
      case 'arm':
        await asOperator(() =>
          operator.arm(Math.max(1_000, startedAt + action.until - Date.now())),
        );
        return;
      case 'kill-switch': {
        const killed = asOperator(() => operator.kill('Fault storm kill switch.'));
        await new Promise((r) => setTimeout(r, action.natsAfterMs));
        await Promise.all([killed, restartNats('SIGKILL', action.downMs)]);
        return;
      }
    }
  }

  const done = Promise.all(
    plan.map(async (action) => {
      const wait = startedAt + action.at - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await perform(action);
    }),
  ).then(() => undefined);
  return { figures, done };
}
