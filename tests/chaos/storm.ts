import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planChaos, runChaos, type ChaosFigures } from './chaos.js';
import { collectEvidence } from './collect.js';
import type { CheckResult } from './evidence.js';
import { createFaultInjector, type FaultInjector } from './faults.js';
import { createIntentFactory } from './intents.js';
import { checkAll, formatChecks } from './invariants.js';
import { startMarket } from './market.js';
import { createOperator, type OperatorAction } from './operator.js';
import type { StormOptions } from './options.js';
import { createPublisher, type PublishRecord } from './publisher.js';
import { quiesce, type Settled } from './quiesce.js';
import { createRng } from './rng.js';
import { watchTradingState } from './state-watch.js';
import type { ExitRecord } from './services.js';
import { NAMESPACE, startStack, TIMING } from './stack.js';

/** An intent acknowledged within this of its createdAt counts as fresh (invariant 8). */
const FRESH_MS = 5_000;
/** Share of intents followed by one exchange fault. */
const FAULT_RATE = 0.1;

export interface StormOutcome {
  readonly results: readonly CheckResult[];
  readonly failed: number;
  /** Everything printed, in order (the last line is `N passed, M failed`). */
  readonly lines: readonly string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function figures(input: {
  records: readonly PublishRecord[];
  actions: readonly OperatorAction[];
  orders: { paper: number; live: number };
  faults: FaultInjector;
  chaos: ChaosFigures;
  exits: readonly ExitRecord[];
  settled: Settled;
  durations: { total: number; storm: number };
  /** Share of the publishing phase each execution instance was up (a starved machine shows here). */
  upShares: { a: number; b: number };
}): string[] {
  const { records, faults, chaos, exits, settled } = input;
  const sum = (f: (r: PublishRecord) => number) => records.reduce((n, r) => n + f(r), 0);
  const acked = records.filter((r) => r.ackedAt !== undefined).length;
  const live = records.filter((r) => r.planned.intent.mode === 'live').length;
  const faultTotal = Object.values(faults.counts).reduce((a, b) => a + b, 0);
  const count = (cause: ExitRecord['cause']) => exits.filter((e) => e.cause === cause);
  const unexpected = count('unexpected');
  return [
    `intents: ${records.length} (${live} live), ${acked} acknowledged; replays ${sum((r) => r.replaysAcked)} (${sum((r) => r.replaysDeduped)} dropped by stream dedup, ${sum((r) => r.replaysFailed)} failed); reused keys ${records.filter((r) => r.reuseAckedAt !== undefined).length}`,
    `exchange orders: ${input.orders.paper} paper, ${input.orders.live} live`,
    `operator: ${input.actions.map((a) => `${a.verb} ${a.ok ? `v${a.version}` : 'FAILED'}${a.tries.length > 0 ? ` (after ${a.tries.length} refused: ${[...new Set(a.tries)].join(', ')})` : ''}`).join(', ')}`,
    `exchange faults: ${faultTotal} (${Object.entries(faults.counts)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')})${faults.readLag ? '' : '; read-lag not in this simulator'}`,
    `kills: execution SIGKILL ${chaos.executionKills} (${chaos.executionKillsSkipped} skipped: none ready), crash points reached ${count('crash-point').length} (${
      count('crash-point')
        .map((e) => e.crashAt)
        .join(', ') || '-'
    }), reconciler SIGKILL ${chaos.reconcilerKills}`,
    `execution up during publishing: chaos-a ${Math.round(100 * input.upShares.a)} %, chaos-b ${Math.round(100 * input.upShares.b)} %`,
    `restarts: NATS ${chaos.natsRestarts}, Postgres terminations ${chaos.pgTerminations} (${chaos.pgBackendsTerminated} backends), unexpected exits ${unexpected.length}${unexpected.map((e) => ` [${e.slot} code ${e.code} signal ${e.signal}]`).join('')}`,
    `settle: ${settled.ok ? 'settled' : `NOT settled (${settled.missing} intents without a row, ${settled.unresolved} rows unresolved, ${settled.queued} messages not yet acknowledged)`} in ${secs(settled.ms)}; final reconcile ${settled.finalRuns.map((r) => `${r.venue} unresolved ${r.unresolved} errors ${r.errors}`).join(', ') || 'did not complete'}`,
    `duration: ${secs(input.durations.total)} (publishing ${secs(input.durations.storm)})`,
  ];
}

/** One storm: stack, arm, publish under faults, quiesce, check. Prints as it goes through `print`. */
export async function runStorm(
  options: StormOptions,
  print: (line: string) => void,
): Promise<StormOutcome> {
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    print(line);
  };
  const began = Date.now();
  const rng = createRng(options.seed);
  const runId = `c${options.seed.toString(36)}-${randomBytes(2).toString('hex')}`;
  const logDir = await mkdtemp(join(tmpdir(), 'livegate-chaos-'));
  say(
    `storm: seed ${options.seed}, ${options.intents} intents over ${options.seconds} s, logs ${logDir}`,
  );
  const stack = await startStack({ adminUrl: options.adminUrl, logDir, rng, seed: options.seed });
  let failed = 1;
  const watch = watchTradingState(stack.db);
  const stopping: (() => Promise<void>)[] = [() => watch.stop()];
  try {
    const operator = createOperator(stack.bus);
    const armed = await operator.arm();
    if (!armed.ok) throw new Error(`could not arm LIVE at the start: ${armed.tries.join(', ')}`);
    say(
      `stack up in ${secs(Date.now() - began)}: armed LIVE (version ${armed.version}); crash points ${stack.crashPoints.join(', ')}`,
    );

    const market = startMarket(stack.sim.admin, rng.fork('market'));
    stopping.push(() => market.stop());
    const faults = createFaultInjector({
      admin: stack.sim.admin,
      rng: rng.fork('faults'),
      rate: FAULT_RATE,
      venueTimeoutMs: TIMING.venueTimeoutMs,
    });
    const publisher = createPublisher({ bus: stack.bus, db: stack.db, rng: rng.fork('publisher') });
    const factory = createIntentFactory(rng.fork('intents'), runId);
    const stormMs = options.seconds * 1000;
    const startedAt = Date.now();
    const chaos = runChaos({
      plan: planChaos(rng.fork('chaos'), options.seconds),
      startedAt,
      supervisor: stack.supervisor,
      db: stack.db,
      nats: stack.nats,
      operator,
    });
    const injecting = new Set<Promise<void>>();
    for (let i = 0; i < options.intents; i += 1) {
      const due = startedAt + Math.floor((i * stormMs) / options.intents);
      if (due > Date.now()) await sleep(due - Date.now());
      publisher.fire(factory.next(Date.now(), market.prices));
      const injected = faults.maybeInject().catch(() => {});
      injecting.add(injected);
      void injected.finally(() => injecting.delete(injected));
    }
    await chaos.done;
    const storm = Date.now() - startedAt;
    say(`published for ${secs(storm)}; quiescing`);
    await Promise.all(injecting);
    await publisher.drain();
    await market.stop();
    await watch.stop();
    const acked = publisher.records.filter((r) => r.ackedAt !== undefined);
    const settled = await quiesce(
      stack,
      acked.map((r) => r.planned.intent.intentId),
      options.settleMs,
    );

    const evidence = await collectEvidence({
      db: stack.db,
      admin: stack.sim.admin,
      accountKeys: { paper: stack.paper.apiKey, live: stack.live.apiKey },
      natsUrl: stack.nats.url(),
      namespace: NAMESPACE,
      records: publisher.records,
      actions: operator.actions,
      firstSeen: watch.firstSeen,
      recvWindowMs: TIMING.recvWindowMs,
      clockMarginMs: TIMING.clockMarginMs,
      freshMs: FRESH_MS,
      settle: { ...settled, boundMs: options.settleMs },
    });
    const results = checkAll(evidence);
    failed = results.filter((r) => !r.ok).length;
    for (const line of figures({
      records: publisher.records,
      actions: operator.actions,
      orders: {
        paper: evidence.simOrders.filter((o) => o.account === 'paper').length,
        live: evidence.simOrders.filter((o) => o.account === 'live').length,
      },
      faults,
      chaos: chaos.figures,
      exits: stack.supervisor.exits,
      settled,
      durations: { total: Date.now() - began, storm },
      upShares: {
        a: stack.supervisor.upShare('exec-a', startedAt, startedAt + storm),
        b: stack.supervisor.upShare('exec-b', startedAt, startedAt + storm),
      },
    }))
      say(line);
    if (options.keep || failed > 0)
      say(`kept for inspection: database ${stack.db.name}, logs ${logDir}`);
    for (const line of formatChecks(results)) say(line);
    return { results, failed, lines };
  } finally {
    for (const stop of stopping) await stop();
    const keep = options.keep || failed > 0;
    if (keep) stack.keepDatabase();
    await stack.stop();
    if (!keep) await rm(logDir, { recursive: true, force: true });
  }
}
