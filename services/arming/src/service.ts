import {
  armingSchemas,
  type ArmingRequest,
  type ArmingResult,
  type ArmingVerb,
  type ModeSnapshot,
} from '@livegate/contracts';
import { createOutboxRelay } from '@livegate/bus';
import { createOutboxStore, type TradingStateRow } from '@livegate/db';
import type { Logger } from '@livegate/runtime';
import type { z } from 'zod';
import type { ArmingBus } from './arming-bus.js';
import { systemClock, type Clock } from './clock.js';
import type { ArmingRules } from './config.js';
import { decideConfirm } from './confirm-arm.js';
import type { Db } from './db.js';
import { checkSessionExpiry } from './expiry.js';
import { invalidRequestReply } from './invalid-request.js';
import { createExpiryTimer } from './expiry-timer.js';
import { forVerifiedOperator } from './operator-check.js';
import { decideRequest } from './request-token.js';
import { runVerb, type DecideInput } from './run-verb.js';
import { readSnapshot } from './snapshot.js';
import { decideDisarm, decideKill, decideRelease } from './stop-verbs.js';
import type { Decision, Effects, Reply } from './verb-outcome.js';

export interface ArmingServiceProps {
  readonly db: Db;
  readonly bus: ArmingBus;
  readonly clock?: Clock;
  readonly config: ArmingRules;
  readonly logger: Logger;
  /** Wait before retrying a failed expiry check (default 5 s). */
  readonly expiryRetryMs?: number;
}

export interface ArmingService {
  /** Disarms a session that expired while nobody watched, then answers `arming.*` on the bus. */
  start(): Promise<void>;
  /** Stops answering, the expiry timer and the relay (unsent events wait in the outbox); the caller closes db and bus. */
  stop(): Promise<void>;
  /** Runs the expiry check now (what the timer does when the session is due). */
  checkExpiry(): Promise<ModeSnapshot>;
}

/**
 * The arming service: owns the trading mode, arm tokens and live sessions. Every change locks the
 * one trading-state row and commits the state with its audit row and its `mode.changed`, both queued
 * in the outbox by the same transaction; the outbox relay publishes them (with retry).
 */
export function createArmingService({
  db,
  bus,
  clock = systemClock,
  config,
  logger,
  expiryRetryMs = 5_000,
}: ArmingServiceProps): ArmingService {
  const ctx = { db, clock, rules: config };
  const servers: Array<{ stop(): Promise<void> }> = [];
  const timer = createExpiryTimer({ clock, logger, expire, retryMs: expiryRetryMs });
  const relay = createOutboxRelay({
    bus,
    outbox: createOutboxStore(db),
    kinds: ['mode', 'audit'],
    logger,
  });

  /** The commit queued its mode change and audit rows in the outbox: have the relay send them now. */
  function committed(effects: Effects, state: TradingStateRow): void {
    if (effects.audits.length > 0 || effects.modeChanges.length > 0) relay.poke();
    timer.follow(state);
  }

  async function expire(): Promise<TradingStateRow> {
    const { effects, state } = await checkSessionExpiry(db, clock);
    committed(effects, state);
    return state;
  }

  async function run<T>(
    verb: ArmingVerb,
    operator: string,
    decide: (input: DecideInput) => Promise<Decision<T>>,
  ): Promise<Reply<T>> {
    const { reply, effects, state } = await runVerb(ctx, { verb, operator }, decide);
    committed(effects, state);
    if (reply.ok)
      logger.info({ verb, operator, mode: state.mode, version: state.version }, `arming.${verb}`);
    else logger.warn({ verb, operator, code: reply.error.code }, `arming.${verb} refused`);
    return reply;
  }

  async function status(): Promise<Reply<ModeSnapshot>> {
    await expire();
    return { ok: true, result: await readSnapshot(db) };
  }

  const subject = (verb: ArmingVerb) => bus.subjects.arming(verb);
  const s = armingSchemas;
  const options = { onInvalid: invalidRequestReply };

  /** Answers `arming.<verb>`: the verb's decision, run only if the operator it names may act. */
  function serveVerb<V extends Exclude<ArmingVerb, 'status'>>(
    verb: V,
    decide: (input: DecideInput, req: ArmingRequest<V>) => Promise<Decision<ArmingResult<V>>>,
  ) {
    // The pair of `verb` parses to ArmingRequest<V> and takes its Reply; TypeScript cannot follow V into s[verb].
    const { request, reply } = s[verb] as unknown as {
      request: z.ZodType<ArmingRequest<V> & { operator: string }>;
      reply: z.ZodType<unknown, Reply<ArmingResult<V>>>;
    };
    return bus.serve(
      subject(verb),
      request,
      reply,
      (req) =>
        run(
          verb,
          req.operator,
          forVerifiedOperator(req.operator, (input) => decide(input, req)),
        ),
      options,
    );
  }

  async function serveAll(): Promise<void> {
    servers.push(
      await bus.serve(subject('status'), s.status.request, s.status.reply, status, options),
      await serveVerb('request', (input, req) => decideRequest(input, req, config)),
      await serveVerb('confirm', (input, req) => decideConfirm(input, req, config)),
      await serveVerb('disarm', decideDisarm),
      await serveVerb('kill', decideKill),
      await serveVerb('release', decideRelease),
    );
  }

  return {
    async start() {
      relay.start();
      await expire();
      await serveAll();
      logger.info({ snapshot: await readSnapshot(db) }, 'arming service started');
    },
    async stop() {
      timer.stop();
      await Promise.all(servers.splice(0).map((server) => server.stop()));
      await relay.stop();
    },
    async checkExpiry() {
      await expire();
      return readSnapshot(db);
    },
  };
}
