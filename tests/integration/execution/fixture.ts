import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { createVenueAdapters } from '@livegate/binance';
import { connectBus, type Bus } from '@livegate/bus';
import { createArmingService } from '@livegate/arming';
import {
  ARM_PHRASE,
  cancelMsgId,
  intentMsgId,
  orderCancelSchema,
  type OrderCancel,
  type OrderCancelInput,
  armingSchemas,
  type ArmingReply,
  type ArmingRequest,
  type ArmingVerb,
  orderEventSchema,
  orderIntentSchema,
  type OrderEvent,
  type OrderIntent,
  type TradingMode,
} from '@livegate/contracts';
import {
  createDb,
  SERVICE_ROLES,
  type Database,
  type ExecutionOrderRow,
  type ServiceName,
} from '@livegate/db';
import { startExchangeSim, type SimHandle, type SimOrderView } from '@livegate/exchange-sim';
import {
  adapterUserStream,
  createExecutionService,
  type CrashPoint,
  type ExecutionService,
  type ExecutionSettings,
  type ExecutionTiming,
  type Venues,
  type VenueSettings,
} from '@livegate/execution';
import { createLogger, type Logger } from '@livegate/runtime';
import {
  createTestDatabase,
  useNats,
  type TestDatabase,
  type TestNats,
} from '@livegate/test-harness';
import { sql, type Kysely } from 'kysely';

export const BALANCES = { USDT: '10000000', BTC: '1000', ETH: '10000' } as const;

/** Quick redelivery for tests: nothing waits seconds unless a test asks for it. */
export const TEST_TIMING: Partial<ExecutionTiming> = {
  leaseBusyRetryMs: 50,
  holdRetryMs: 100,
  lookupRetryMs: 100,
  notSentRetryMs: 100,
  killRetryMs: 200,
  workingEveryMs: 1_000,
};

export interface Account {
  readonly apiKey: string;
  readonly apiSecret: string;
}

/** Waits for `check` to return something other than undefined/false, polling, up to `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 20_000, everyMs = 25 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Every order event published under the namespace, as parsed contracts events. */
export function collectEvents(nc: Bus['nc'], subject: string) {
  const events: OrderEvent[] = [];
  const sub = nc.subscribe(subject);
  void (async () => {
    for await (const m of sub) events.push(orderEventSchema.parse(m.json()));
  })();
  const of = (intentId: string) => events.filter((e) => e.intentId === intentId);
  return {
    events,
    of,
    /**
     * Waits until an event of `type` arrived for the intent and returns all of its events so far.
     * (A row is committed before its event is published: wait for the event, not for the row.)
     */
    until: (intentId: string, type: OrderEvent['type']) =>
      waitFor(
        `${type} for ${intentId}`,
        () => of(intentId).some((e) => e.type === type) && of(intentId),
      ),
    stop: () => sub.unsubscribe(),
  };
}

export interface Stack {
  readonly nats: TestNats;
  readonly t: TestDatabase;
  readonly bus: Bus;
  readonly sim: SimHandle;
  readonly paper: Account;
  readonly live: Account;
  readonly logger: Logger;
  readonly logLines: string[];
  readonly events: ReturnType<typeof collectEvents>;
  /** The test database logging in as that service's role: what the service under test is given. */
  as(service: ServiceName): Kysely<Database>;
  /** Execution instances started with {@link Stack.startExecution}, stopped by {@link Stack.stop}. */
  readonly services: ExecutionService[];
  startExecution(options?: ExecutionOptions): Promise<ExecutionService>;
  /**
   * Publishes on the intent's own subject with `Nats-Msg-Id` `<source>:<intentId>`, or
   * `<source>:<intentId>:<tag>`: another tag passes JetStream's dedup (a replay Postgres must absorb).
   */
  publish(intent: OrderIntent, tag?: string): Promise<{ seq: number; duplicate: boolean }>;
  /**
   * Publishes a cancel on `orders.cancel.<subjectSource>` (default: its body's source, `test`); a
   * fresh cancelId unless given; `tag` changes the message id (a replay dedup lets through).
   */
  cancel(
    body: Partial<OrderCancelInput> & { intentId: string },
    options?: { subjectSource?: string; tag?: string },
  ): { msg: OrderCancel; sent: Promise<{ seq: number; duplicate: boolean }> };
  row(intentId: string): Promise<ExecutionOrderRow | undefined>;
  /** Waits until the row exists and `done(row)` holds. */
  rowWhen(
    intentId: string,
    done: (row: ExecutionOrderRow) => boolean,
    timeoutMs?: number,
  ): Promise<ExecutionOrderRow>;
  /** Ground truth: every order the simulator accepted for that account. */
  simOrders(account: 'paper' | 'live'): Promise<SimOrderView[]>;
  /** Requests that reached a Binance path for that account (optionally one path). */
  simRequests(account: 'paper' | 'live', path?: string): Promise<number>;
  setMode(mode: TradingMode, options?: { expiresInMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

export interface ExecutionOptions {
  readonly settings?: Partial<ExecutionSettings>;
  /** Replaces fields of one venue (a wrong secret, an unreachable URL). */
  readonly venues?: {
    readonly paper?: Partial<VenueSettings>;
    readonly live?: Partial<VenueSettings>;
  };
  readonly timing?: Partial<ExecutionTiming>;
  readonly venueTimeoutMs?: number;
  readonly recvWindowMs?: number;
  readonly now?: () => number;
  readonly monotonic?: () => number;
  /** Test points (see CrashPoint): a test may pause the handler there by returning a promise. */
  readonly crash?: (point: CrashPoint) => void | Promise<void>;
  /** Feeds the order rows from both accounts' user data streams (issue 12). */
  readonly userStream?: boolean;
}

let intentSeq = 0;
let cancelSeq = 0;
/** A resting LIMIT buy far below the sim's BTCUSDT price (60000) unless overridden. */
export function intent(patch: Partial<OrderIntent> = {}): OrderIntent {
  intentSeq += 1;
  return orderIntentSchema.parse({
    intentId: `it-${process.pid}-${Date.now().toString(36)}-${intentSeq}`,
    mode: 'paper',
    symbol: 'BTCUSDT',
    side: 'BUY',
    type: 'LIMIT',
    quantity: '0.001',
    price: '50000.00',
    timeInForce: 'GTC',
    source: 'test',
    createdAt: new Date().toISOString(),
    ...patch,
  });
}

export function marketBuy(patch: Partial<OrderIntent> = {}): OrderIntent {
  return intent({ type: 'MARKET', price: undefined, timeInForce: undefined, ...patch });
}

/** NATS + a fresh database + one simulator with a paper and a live account (different keys). */
export async function startStack({ simLimits = {} } = {}): Promise<Stack> {
  const nats = useNats();
  const t = await createTestDatabase({ max: 20 });
  const logLines: string[] = [];
  const logger = createLogger({
    service: 'execution-test',
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString());
        done();
      },
    }),
  });
  const bus = await connectBus({
    url: nats.url,
    name: 'execution-test',
    logger,
    namespace: nats.namespace,
  });
  await bus.ensureStreams({ intentDuplicateWindowMs: 60_000 });
  const simLimitsInForce = {
    ordersPer10s: 1_000_000,
    requestWeightPerMinute: 100_000_000,
    ...simLimits,
  };
  const sim = await startExchangeSim({
    limits: simLimitsInForce,
  });
  const paper = await sim.admin.createAccount({ balances: { ...BALANCES } });
  const live = await sim.admin.createAccount({ balances: { ...BALANCES } });
  const events = collectEvents(bus.nc, bus.subjects.orderEventAll);
  const services: ExecutionService[] = [];
  const allVenues: Venues[] = [];
  const roleDbs = new Map<ServiceName, Kysely<Database>>();
  let instances = 0;

  const stack: Stack = {
    nats,
    t,
    bus,
    sim,
    paper,
    live,
    logger,
    logLines,
    events,
    services,
    as(service) {
      const open =
        roleDbs.get(service) ?? createDb({ url: t.urlAs(SERVICE_ROLES[service]), max: 20 });
      roleDbs.set(service, open);
      return open;
    },
    async startExecution(options = {}) {
      instances += 1;
      const timeoutMs = options.venueTimeoutMs ?? 2_000;
      const recvWindowMs = options.recvWindowMs ?? 5_000;
      const venue = (name: 'paper' | 'live', a: Account) => ({
        name,
        baseUrl: sim.url,
        ...a,
        recvWindowMs,
        timeoutMs,
        marketPriceSource: 'tickerPrice' as const,
        // The simulator's limits (below), not Binance's: the shared budget follows the venue's.
        weightPerMinute: simLimitsInForce.requestWeightPerMinute,
        ordersPer10s: simLimitsInForce.ordersPer10s,
        // The fill feed listens on the adapter's own user data stream (one per account).
        ...(options.userStream === true && { wsApiUrl: sim.wsApiUrl }),
        ...options.venues?.[name],
      });
      const venues = createVenueAdapters({
        venues: { paper: venue('paper', paper), live: venue('live', live) },
        logger,
      });
      allVenues.push(venues);
      const service = createExecutionService({
        db: stack.as('execution'),
        bus,
        venues,
        logger: logger.child({ instance: instances }),
        settings: {
          instanceId: `test-${instances}`,
          concurrency: 8,
          ackWaitMs: 10_000,
          maxDeliver: 500,
          intentMaxAgeMs: 30_000,
          intentFutureMarginMs: 2_000,
          clockMarginMs: 200,
          notPlacedConfirmMs: 300,
          sendBudgetMs: 2_000,
          killPollMs: 100,
          requireReconcile: false,
          recvWindows: { paper: recvWindowMs, live: recvWindowMs },
          venueTimeoutMs: timeoutMs,
          ...options.settings,
        },
        timing: { ...TEST_TIMING, ...options.timing },
        ...(options.now !== undefined && { now: options.now }),
        ...(options.monotonic !== undefined && { monotonic: options.monotonic }),
        ...(options.crash !== undefined && { crash: options.crash }),
        ...(options.userStream === true && {
          userStreams: {
            paper: adapterUserStream(venues.paper),
            live: adapterUserStream(venues.live),
          },
        }),
      });
      await service.start();
      services.push(service);
      return service;
    },
    publish: (i, tag) =>
      bus.publish(bus.subjects.orderIntent(i.source), orderIntentSchema, i, {
        msgId: intentMsgId(i, tag),
      }),
    cancel(body, { subjectSource, tag } = {}) {
      cancelSeq += 1;
      const msg = orderCancelSchema.parse({
        cancelId: `c-${process.pid}-${Date.now().toString(36)}-${cancelSeq}`,
        source: 'test',
        at: new Date().toISOString(),
        ...body,
      });
      const sent = bus.publish(
        bus.subjects.orderCancel(subjectSource ?? msg.source),
        orderCancelSchema,
        msg,
        { msgId: `${cancelMsgId(msg)}${tag === undefined ? '' : `:${tag}`}` },
      );
      return { msg, sent };
    },
    row: (intentId) =>
      t.db
        .selectFrom('execution.orders')
        .selectAll()
        .where('intent_id', '=', intentId)
        .executeTakeFirst(),
    async rowWhen(intentId, done, timeoutMs) {
      let last: ExecutionOrderRow | undefined;
      try {
        return await waitFor(
          `row ${intentId}`,
          async () => {
            last = await stack.row(intentId);
            return last !== undefined && done(last) ? last : undefined;
          },
          { timeoutMs },
        );
      } catch (err) {
        const seen =
          last === undefined
            ? 'no row'
            : `state ${last.state}, attempts ${last.attempts}, lease ${last.lease_holder}, reject ${last.reject_code}`;
        throw new Error(`${(err as Error).message} (last seen: ${seen})`, { cause: err });
      }
    },
    simOrders: (account) =>
      sim.admin.orders({ apiKey: (account === 'paper' ? paper : live).apiKey }),
    async simRequests(account, path) {
      const all = await sim.admin.requests({ apiKey: (account === 'paper' ? paper : live).apiKey });
      return all.filter((r) => path === undefined || r.path === path).length;
    },
    async setMode(mode, { expiresInMs = 3_600_000 } = {}) {
      await setTradingState(t, mode, expiresInMs);
    },
    async stop() {
      for (const s of services.splice(0)) await s.stop();
      events.stop();
      for (const v of allVenues) {
        v.paper.close();
        v.live.close();
      }
      await bus.close();
      await sim.stop();
      await nats.cleanup();
      for (const db of roleDbs.values()) await db.destroy();
      await t.drop();
    },
  };
  return stack;
}

let sessionSeq = 0;
/**
 * Puts arming.trading_state in `mode` the way the arming service would (a token and a session for
 * LIVE), in one transaction that locks the row FOR UPDATE.
 */
export async function setTradingState(
  t: TestDatabase,
  mode: TradingMode,
  expiresInMs = 3_600_000,
): Promise<void> {
  await t.db.transaction().execute(async (trx) => {
    await sql`select 1 from arming.trading_state where id = 1 for update`.execute(trx);
    await trx
      .updateTable('arming.live_sessions')
      .set({ ended_at: new Date(), ended_by: 'test', end_reason: 'test' })
      .where('ended_at', 'is', null)
      .execute();
    if (mode !== 'LIVE') {
      await trx
        .updateTable('arming.trading_state')
        .set({
          mode,
          session_id: null,
          expires_at: null,
          halted_by: mode === 'HALTED' ? 'test' : null,
          halt_reason: mode === 'HALTED' ? 'test kill' : null,
          version: sql`version + 1`,
        })
        .execute();
      return;
    }
    sessionSeq += 1;
    const now = new Date();
    const expires = new Date(now.getTime() + expiresInMs);
    const past = new Date(now.getTime() - 1);
    const token = await trx
      .insertInto('arming.tokens')
      .values({
        token_hash: randomBytes(32).toString('hex'),
        operator: 'alice',
        reason: 'test',
        created_at: new Date(now.getTime() - 1000),
        expires_at: new Date(now.getTime() + 60_000),
        used_at: past,
        used_by: 'alice',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const sessionId = `s-${process.pid}-${sessionSeq}-${Date.now()}`;
    await trx
      .insertInto('arming.live_sessions')
      .values({
        id: sessionId,
        token_id: token.id,
        operator: 'alice',
        requested_by: 'alice',
        reason: 'test',
        started_at: past,
        expires_at: expires,
      })
      .execute();
    await trx
      .updateTable('arming.trading_state')
      .set({
        mode: 'LIVE',
        session_id: sessionId,
        expires_at: expires,
        halted_by: null,
        halt_reason: null,
        version: sql`version + 1`,
      })
      .execute();
  });
}

export interface Arming {
  call<V extends ArmingVerb>(verb: V, request: ArmingRequest<V>): Promise<ArmingReply<V>>;
  /** request + confirm as alice: LIVE. */
  arm(): Promise<void>;
  stop(): Promise<void>;
}

/** The real arming service on the stack's database and bus. */
export async function startArming(s: Stack): Promise<Arming> {
  // Arming acts only for an enabled operator of auth.operators (issue 11): the tests act as alice.
  await s.t.db
    .insertInto('auth.operators')
    .values({ name: 'alice', role: 'operator', password_hash: 'scrypt$not-for-sign-in' })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const service = createArmingService({
    db: s.as('arming'),
    bus: s.bus,
    logger: s.logger.child({ service: 'arming' }),
    config: {
      tokenTtlMs: 60_000,
      sessionMaxMs: 3_600_000,
      requireSecondOperator: false,
      failureLimit: 100,
      failureWindowMs: 60_000,
    },
  });
  await service.start();
  const call = <V extends ArmingVerb>(verb: V, request: ArmingRequest<V>) =>
    s.bus.request(
      s.bus.subjects.arming(verb),
      armingSchemas[verb].request,
      armingSchemas[verb].reply,
      request,
      {
        timeoutMs: 10_000,
      },
    ) as Promise<ArmingReply<V>>;
  return {
    call,
    async arm() {
      const issued = await call('request', { operator: 'alice', reason: 'Execution test.' });
      if (!issued.ok) throw new Error(`arm request refused: ${issued.error.code}`);
      const confirmed = await call('confirm', {
        operator: 'alice',
        token: issued.result.token,
        confirmation: ARM_PHRASE,
      });
      if (!confirmed.ok) throw new Error(`arm confirm refused: ${confirmed.error.code}`);
    },
    stop: () => service.stop(),
  };
}
