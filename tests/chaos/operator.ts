import {
  ARM_PHRASE,
  armingSchemas,
  type ArmingReply,
  type ArmingRequest,
  type ArmingVerb,
} from '../../contracts/src/index.js';
import type { Bus } from '../../services/bus/src/index.js';
import { OPERATOR } from './database.js';

/** One operator action as the storm saw it: sent at, answered at, and the trading-state version after. */
export interface OperatorAction {
  readonly verb: 'arm' | 'disarm' | 'kill';
  /** When the first try went out (the commit happened between sentAt and repliedAt). */
  readonly sentAt: number;
  /** When the answer arrived. */
  readonly repliedAt: number;
  readonly ok: boolean;
  /** Trading-state version in the answer (the committing transaction's). */
  readonly version: number | undefined;
  /** The refusal codes and errors of the tries before the answer (e.g. RECONCILE_PENDING). */
  readonly tries: string[];
}

export interface Operator {
  readonly actions: OperatorAction[];
  /** Request + confirm, retried (e.g. RECONCILE_PENDING) for `retryForMs` (default the operator's). */
  arm(retryForMs?: number): Promise<OperatorAction>;
  disarm(): Promise<OperatorAction>;
  kill(reason: string): Promise<OperatorAction>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** alice through the real arming service over the bus, retrying refusals it can wait out. */
export function createOperator(bus: Bus, { retryForMs = 20_000 } = {}): Operator {
  const actions: OperatorAction[] = [];
  const call = <V extends ArmingVerb>(verb: V, req: ArmingRequest<V>) =>
    bus.request(
      bus.subjects.arming(verb),
      armingSchemas[verb].request,
      armingSchemas[verb].reply,
      req,
      { timeoutMs: 5_000 },
    ) as Promise<ArmingReply<V>>;

  /** Tries `attempt` until it answers ok or `retryForMs` passed (bus down, reconcile pending…). */
  async function act(
    verb: OperatorAction['verb'],
    retryMs: number,
    attempt: (
      tries: readonly string[],
    ) => Promise<{ ok: true; version: number } | { ok: false; why: string }>,
  ): Promise<OperatorAction> {
    const sentAt = Date.now();
    const tries: string[] = [];
    const deadline = sentAt + retryMs;
    for (;;) {
      const outcome = await attempt(tries).catch((err: unknown) => ({
        ok: false as const,
        why: (err as Error).name,
      }));
      if (outcome.ok || Date.now() > deadline) {
        const action: OperatorAction = {
          verb,
          sentAt,
          repliedAt: Date.now(),
          ok: outcome.ok,
          version: outcome.ok ? outcome.version : undefined,
          tries: outcome.ok ? tries : [...tries, outcome.why],
        };
        actions.push(action);
        return action;
      }
      tries.push(outcome.why);
      await sleep(300);
    }
  }

  /**
   * After a try whose answer was lost (a bus error, not a refusal), the verb may have committed:
   * the trading state says whether it did.
   */
  async function committedBefore(
    tries: readonly string[],
    mode: 'LIVE' | 'PAPER',
  ): Promise<{ ok: true; version: number } | undefined> {
    if (!tries.some((t) => /Error$/.test(t))) return undefined;
    const status = await call('status', {});
    return status.ok && status.result.mode === mode
      ? { ok: true, version: status.result.version }
      : undefined;
  }

  return {
    actions,
    arm: (retryMs = retryForMs) =>
      act('arm', retryMs, async (tries) => {
        const issued = await call('request', { operator: OPERATOR, reason: 'Fault storm.' });
        if (!issued.ok && issued.error.code === 'ALREADY_LIVE') {
          const done = await committedBefore(tries, 'LIVE');
          if (done !== undefined) return done;
        }
        if (!issued.ok) return { ok: false, why: issued.error.code };
        const confirmed = await call('confirm', {
          operator: OPERATOR,
          token: issued.result.token,
          confirmation: ARM_PHRASE,
        });
        return confirmed.ok
          ? { ok: true, version: confirmed.result.version }
          : { ok: false, why: confirmed.error.code };
      }),
    disarm: () =>
      act('disarm', retryForMs, async (tries) => {
        const r = await call('disarm', { operator: OPERATOR, reason: 'Fault storm disarm.' });
        if (!r.ok && r.error.code === 'NOT_LIVE') {
          const done = await committedBefore(tries, 'PAPER');
          if (done !== undefined) return done;
        }
        return r.ok ? { ok: true, version: r.result.version } : { ok: false, why: r.error.code };
      }),
    kill: (reason) =>
      act('kill', retryForMs, async () => {
        const r = await call('kill', { operator: OPERATOR, reason });
        return r.ok ? { ok: true, version: r.result.version } : { ok: false, why: r.error.code };
      }),
  };
}
