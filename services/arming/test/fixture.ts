import { Writable } from 'node:stream';
import { connectBus, type Bus } from '@livegate/bus';
import {
  armingSchemas,
  auditEventSchema,
  modeChangedSchema,
  type ArmingReply,
  type ArmingVerb,
  type AuditEvent,
  type ModeChanged,
} from '@livegate/contracts';
import { createDb, SERVICE_ROLES, type Database } from '@livegate/db';
import { createLogger, type Logger } from '@livegate/runtime';
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import {
  createTestDatabase,
  useNats,
  type TestDatabase,
  type TestNats,
} from '../../../tests/harness/src/index.js';
import type { ArmingRules } from '../src/config.js';
import {
  createArmingService,
  type ArmingService,
  type ArmingServiceProps,
} from '../src/service.js';

export const T0 = new Date('2026-03-02T09:00:00.000Z');

/** A clock the test moves by hand. */
export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

export function testClock(start: Date = T0): TestClock {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

/** The wall clock, for the one test that waits on a real timer. */
export const realClock: TestClock = {
  now: () => new Date(),
  advance: () => {
    throw new Error('the real clock cannot be moved');
  },
};

export const RULES: ArmingRules = Object.freeze({
  tokenTtlMs: 60_000,
  sessionMaxMs: 4 * 3_600_000,
  requireSecondOperator: false,
  failureLimit: 5,
  failureWindowMs: 300_000,
});

/** The operators every fixture has (`auth.operators`, role operator): the names the tests use. */
export const OPERATORS = ['alice', 'bob', 'carol', 'mallory'] as const;

/**
 * Adds a person to `auth.operators` (the gateway's table; arming checks the `operator` of every
 * request against it). The password hash is a placeholder: nobody signs in here.
 */
export async function addOperator(
  db: Kysely<Database>,
  name: string,
  {
    role = 'operator',
    disabledAt = null,
  }: { role?: 'operator' | 'viewer'; disabledAt?: Date | null } = {},
): Promise<void> {
  await db
    .insertInto('auth.operators')
    .values({ name, role, password_hash: 'scrypt$not-for-sign-in', disabled_at: disabledAt })
    .execute();
}

/** Log lines written by the service, parsed. */
export function captureLogs(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, logger: createLogger({ service: 'arming-test', level: 'debug', destination }) };
}

/** Events seen on a subject by a plain subscriber, with a bounded wait. */
export interface Seen<T> {
  readonly items: T[];
  waitFor(predicate: (item: T) => boolean, timeoutMs?: number): Promise<T>;
}

function watch<S extends z.ZodType>(bus: Bus, subject: string, schema: S): Seen<z.output<S>> {
  const items: Array<z.output<S>> = [];
  const waiters = new Set<() => void>();
  const sub = bus.nc.subscribe(subject);
  void (async () => {
    for await (const m of sub) {
      items.push(schema.parse(m.json()));
      for (const w of waiters) w();
    }
  })();
  return {
    items,
    waitFor(predicate, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = items.find(predicate);
          if (hit === undefined) return;
          cleanup();
          resolve(hit);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching event on ${subject} within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

function nothingSeen<T>(): Seen<T> {
  return {
    items: [],
    waitFor: () => Promise.reject(new Error('this fixture has no streams, so no events')),
  };
}

export interface Fixture {
  readonly t: TestDatabase;
  readonly nats: TestNats;
  readonly db: Kysely<Database>;
  /** The test's own connection (requests, subscriptions). */
  readonly client: Bus;
  readonly clock: TestClock;
  readonly logs: Array<Record<string, unknown>>;
  readonly modes: Seen<ModeChanged>;
  readonly audits: Seen<AuditEvent>;
  service: ArmingService;
  call<V extends ArmingVerb>(
    verb: V,
    req: z.input<(typeof armingSchemas)[V]['request']>,
    via?: Bus,
  ): Promise<ArmingReply<V>>;
  /** Stops the service object and starts a new one on the same database and bus. */
  restart(over?: Partial<ArmingServiceProps>): Promise<void>;
  /** Another client connection to NATS, closed by `close()`. */
  connect(): Promise<Bus>;
  close(): Promise<void>;
}

export interface FixtureOptions {
  readonly rules?: Partial<ArmingRules>;
  readonly clock?: TestClock;
  /** Leave the service on its default (wall) clock; `fixture.clock` then cannot be moved. */
  readonly wallClock?: boolean;
  /** Skip `ensureStreams`, so every publish fails. */
  readonly noStreams?: boolean;
}

/** A fresh database and namespace, streams, a running arming service and a client. */
export async function startFixture({
  rules,
  clock = testClock(),
  wallClock = false,
  noStreams = false,
}: FixtureOptions = {}): Promise<Fixture> {
  const t = await createTestDatabase();
  for (const name of OPERATORS) await addOperator(t.db, name);
  const nats = useNats();
  const { logger, lines } = captureLogs();
  const quiet = createLogger({ service: 'arming-test-client', level: 'silent' });
  const connections: Bus[] = [];
  const connect = async () => {
    const bus = await connectBus({
      url: nats.url,
      name: 'arming-test',
      logger: quiet,
      namespace: nats.namespace,
    });
    connections.push(bus);
    return bus;
  };
  const client = await connect();
  if (!noStreams) await client.ensureStreams();
  const serviceBus = await connectBus({
    url: nats.url,
    name: 'arming',
    logger,
    namespace: nats.namespace,
  });
  const serviceDb = createDb({ url: t.urlAs(SERVICE_ROLES.arming), max: 6 });
  const config = { ...RULES, ...rules };
  const make = (over: Partial<ArmingServiceProps> = {}) =>
    createArmingService({
      db: serviceDb,
      bus: serviceBus,
      ...(!wallClock && { clock }),
      config,
      logger,
      ...over,
    });
  const fixture: Fixture = {
    t,
    nats,
    db: t.db,
    client,
    clock: wallClock ? realClock : clock,
    logs: lines,
    // Without streams a plain subscriber would be the only "responder" to a JetStream publish and
    // make each one wait for its timeout; leave them out so publishes fail at once (no responders).
    modes: noStreams
      ? nothingSeen()
      : watch(client, client.subjects.modeChanged, modeChangedSchema),
    audits: noStreams ? nothingSeen() : watch(client, client.subjects.auditAll, auditEventSchema),
    service: make(),
    call: (verb, req, via = client) =>
      via.request(
        client.subjects.arming(verb),
        armingSchemas[verb].request,
        armingSchemas[verb].reply,
        req as never,
        {
          timeoutMs: 10_000,
        },
      ) as never,
    async restart(over) {
      await fixture.service.stop();
      fixture.service = make(over);
      await fixture.service.start();
    },
    connect,
    async close() {
      await fixture.service.stop();
      await serviceBus.close();
      await Promise.all(connections.map((c) => c.close()));
      await serviceDb.destroy();
      await nats.cleanup();
      await t.drop();
    },
  };
  await client.nc.flush();
  await fixture.service.start();
  return fixture;
}

/** Polls `check` until it holds, failing after `timeoutMs`. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Holds the trading-state row FOR UPDATE, starts `work`, waits until `waiters` backends are blocked on
 * a lock (so they are provably in flight together), then lets go and returns what `work` gave.
 */
export async function withStateLockHeld<T>(
  db: Kysely<Database>,
  waiters: number,
  work: () => Promise<T>,
): Promise<T> {
  let release!: () => void;
  let locked!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const holding = new Promise<void>((r) => (locked = r));
  const blocker = db.transaction().execute(async (trx) => {
    await sql`select 1 from arming.trading_state where id = 1 for update`.execute(trx);
    locked();
    await released;
  });
  await holding;
  const result = work();
  try {
    await waitUntil(`${waiters} backends waiting on the trading-state lock`, async () => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
      return rows[0]?.n === waiters;
    });
  } finally {
    release();
    await blocker;
  }
  return result;
}

/** Audit rows of the database, oldest first. */
export async function auditRows(db: Kysely<Database>) {
  return db.selectFrom('audit.log').selectAll().orderBy('id').execute();
}

export async function tradingState(db: Kysely<Database>) {
  return db.selectFrom('arming.trading_state').selectAll().executeTakeFirstOrThrow();
}

export const ARM = 'ARM LIVE';

/** request + confirm by `operator`; returns the confirm reply. */
export async function armLive(f: Fixture, operator = 'alice', confirmer = operator) {
  const issued = await f.call('request', { operator, reason: 'Start the BTC strategy.' });
  if (!issued.ok) throw new Error(`request refused: ${issued.error.code}`);
  return f.call('confirm', { operator: confirmer, token: issued.result.token, confirmation: ARM });
}
