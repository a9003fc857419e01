import { join } from 'node:path';
import { startTsx, type ChildExit, type ChildProcessHandle } from './child.js';
import type { Rng } from './rng.js';

export type SlotName = 'exec-a' | 'exec-b' | 'reconciler' | 'arming';
export const EXECUTION_SLOTS = ['exec-a', 'exec-b'] as const;

/** Why a process ended: the storm killed or stopped it, it reached its crash point, or anything else. */
export type ExitCause = 'storm-kill' | 'crash-point' | 'stopped' | 'unexpected';

export interface ExitRecord extends ChildExit {
  readonly slot: SlotName;
  readonly cause: ExitCause;
  readonly crashAt: string | undefined;
  /** Its last lines, for an unexpected exit. */
  readonly tail: string;
}

export interface StackEnv {
  readonly root: string;
  readonly logDir: string;
  readonly common: Record<string, string>;
  /** Venue variables (PAPER_*, LIVE_*, VENUE_*, CLOCK_MARGIN_MS) for execution and the reconciler. */
  readonly venues: Record<string, string>;
}

interface SlotSpec {
  readonly entry: string;
  readonly env: Record<string, string>;
  readonly ready: RegExp;
}

function specOf(name: SlotName, stack: StackEnv): SlotSpec {
  switch (name) {
    case 'exec-a':
    case 'exec-b':
      return {
        entry: 'services/execution/src/main.ts',
        env: {
          ...stack.venues,
          EXECUTION_INSTANCE_ID: `chaos-${name.slice(-1)}`,
          EXECUTION_REQUIRE_RECONCILE: 'true',
          EXECUTION_CONCURRENCY: '8',
          VENUE_MARKET_PRICE_SOURCE: 'tickerPrice',
        },
        ready: /"msg":"execution service started"/,
      };
    case 'reconciler':
      return {
        entry: 'services/reconciler/src/main.ts',
        env: { ...stack.venues, RECONCILE_INTERVAL_S: '3' },
        ready: /"msg":"reconciler started"/,
      };
    case 'arming':
      return {
        entry: 'services/arming/src/main.ts',
        env: { ARM_FAILURE_LIMIT: '1000' },
        ready: /"msg":"arming service started"/,
      };
  }
}

export interface RestartPolicy {
  /** Restart a process that ended by itself or by a storm kill? */
  enabled(): boolean;
  /** Delay and crash point (execution only) of the next start after an exit with `cause`. */
  next(slot: SlotName, cause: ExitCause): { delayMs: number; crashAt: string | undefined };
}

export interface Slot {
  readonly name: SlotName;
  running(): boolean;
  /** Running and past its ready line. */
  ready(): boolean;
  /** Starts the process and waits until it says it is ready (a failure is thrown). */
  start(options?: { crashAt?: string | undefined; readyTimeoutMs?: number }): Promise<void>;
  /** SIGKILL if running; true when it killed something. */
  kill(): Promise<boolean>;
  /** SIGTERM (SIGKILL after `graceMs`), no restart. */
  stop(graceMs?: number): Promise<void>;
}

/** A time a process of `slot` was ready (from its ready line to its exit; `to` undefined: still up). */
export interface UpInterval {
  readonly slot: SlotName;
  readonly from: number;
  to: number | undefined;
}

export interface Supervisor {
  readonly slots: Record<SlotName, Slot>;
  readonly exits: ExitRecord[];
  readonly up: UpInterval[];
  /** Share of [from, to] during which `slot` had a ready process. */
  upShare(slot: SlotName, from: number, to: number): number;
  /** Restarts scheduled by the policy and not yet done. */
  settled(): Promise<void>;
}

export function createSupervisor(
  stack: StackEnv,
  policy: RestartPolicy,
  note: (line: string) => void = () => {},
): Supervisor {
  const exits: ExitRecord[] = [];
  const up: UpInterval[] = [];
  const pendingRestarts = new Set<Promise<void>>();

  function makeSlot(name: SlotName): Slot {
    const spec = specOf(name, stack);
    let proc: ChildProcessHandle | undefined;
    let crashAt: string | undefined;
    let intent: 'kill' | 'stop' | undefined;
    let current: UpInterval | undefined;

    function watch(
      p: ChildProcessHandle,
      startedCrashAt: string | undefined,
      interval: UpInterval,
    ) {
      void p.exited.then((exit) => {
        interval.to ??= exit.at;
        const crashed = startedCrashAt !== undefined && p.printed(/EXECUTION_CRASH_AT reached/);
        const cause: ExitCause =
          intent === 'kill'
            ? 'storm-kill'
            : intent === 'stop'
              ? 'stopped'
              : crashed
                ? 'crash-point'
                : 'unexpected';
        exits.push({ ...exit, slot: name, cause, crashAt: startedCrashAt, tail: p.tail() });
        note(`${name} pid ${p.pid} exited (${cause}, code ${exit.code}, signal ${exit.signal})`);
        if (proc === p) proc = undefined;
        intent = undefined;
        if (cause === 'stopped' || !policy.enabled()) return;
        const { delayMs, crashAt: nextCrashAt } = policy.next(name, cause);
        const restart = new Promise<void>((r) => setTimeout(r, delayMs))
          .then(() =>
            policy.enabled() && proc === undefined
              ? slot.start({ crashAt: nextCrashAt })
              : undefined,
          )
          .catch(() => {}) // recorded as an exit of its own
          .finally(() => pendingRestarts.delete(restart));
        pendingRestarts.add(restart);
      });
    }

    const slot: Slot = {
      name,
      running: () => proc?.running() ?? false,
      ready: () => (proc?.running() ?? false) && current !== undefined && current.from !== Infinity,
      async start({ crashAt: at, readyTimeoutMs = 60_000 } = {}) {
        if (proc?.running()) throw new Error(`${name} is already running`);
        crashAt = name.startsWith('exec-') ? at : undefined;
        const p = startTsx({
          root: stack.root,
          entry: spec.entry,
          env: {
            ...stack.common,
            ...spec.env,
            ...(crashAt === undefined ? {} : { EXECUTION_CRASH_AT: crashAt }),
          },
          logFile: join(stack.logDir, `${name}.log`),
        });
        proc = p;
        // Counts as up from its ready line; an exit before that leaves an empty interval.
        const interval: UpInterval = { slot: name, from: Infinity, to: undefined };
        current = interval;
        watch(p, crashAt, interval);
        note(
          `${name} pid ${p.pid} starting${crashAt === undefined ? '' : ` with EXECUTION_CRASH_AT=${crashAt}`}`,
        );
        try {
          await p.waitFor(spec.ready, readyTimeoutMs);
          up.push(Object.assign(interval, { from: Date.now() }));
          note(`${name} pid ${p.pid} ready`);
        } catch (err) {
          throw new Error(`${name} did not start: ${(err as Error).message}\n${p.tail()}`, {
            cause: err,
          });
        }
      },
      async kill() {
        const p = proc;
        if (p === undefined || !p.running()) return false;
        intent = 'kill';
        p.signal('SIGKILL');
        await p.exited;
        return true;
      },
      async stop(graceMs = 10_000) {
        const p = proc;
        if (p === undefined || !p.running()) return;
        intent = 'stop';
        p.signal('SIGTERM');
        const timer = setTimeout(() => p.signal('SIGKILL'), graceMs);
        await p.exited;
        clearTimeout(timer);
      },
    };
    return slot;
  }

  const slots = {
    'exec-a': makeSlot('exec-a'),
    'exec-b': makeSlot('exec-b'),
    reconciler: makeSlot('reconciler'),
    arming: makeSlot('arming'),
  };
  return {
    slots,
    exits,
    up,
    upShare(slot, from, to) {
      const ms = up
        .filter((i) => i.slot === slot)
        .reduce(
          (sum, i) => sum + Math.max(0, Math.min(i.to ?? to, to) - Math.max(i.from, from)),
          0,
        );
      return to > from ? ms / (to - from) : 0;
    },
    async settled() {
      while (pendingRestarts.size > 0) await Promise.allSettled([...pendingRestarts]);
    },
  };
}

/**
 * The storm's restart policy: an execution instance the storm killed comes back two times in three
 * with a crash point (each point in turn, the first restart always), so it will kill itself there.
 */
export function stormRestartPolicy(rng: Rng, crashPoints: readonly string[]) {
  let enabled = true;
  let restarts = 0;
  const policy: RestartPolicy & { disable(): void } = {
    enabled: () => enabled,
    disable() {
      enabled = false;
    },
    next(slot, cause) {
      const isExec = slot.startsWith('exec-');
      let crashAt: string | undefined;
      if (isExec && cause === 'storm-kill' && crashPoints.length > 0) {
        if (restarts === 0 || rng.chance(2 / 3))
          crashAt = crashPoints[restarts % crashPoints.length];
        restarts += 1;
      }
      const delayMs = cause === 'unexpected' ? 1_000 : rng.int(300, 2_000);
      return { delayMs, crashAt };
    },
  };
  return policy;
}
