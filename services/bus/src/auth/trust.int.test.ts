import {
  armingSchemas,
  modeChangedSchema,
  orderEventSchema,
  orderIntentSchema,
  type OrderEvent,
  type OrderIntent,
  cancelMsgId,
  cancelOutcomeEventSchema,
  cancelOutcomeMsgId,
  orderCancelSchema,
} from '@livegate/contracts';
import { createLogger } from '@livegate/runtime';
import { startTrustedNats, type TrustedNats } from '@livegate/test-harness';
import { jetstream } from '@nats-io/jetstream';
import { nkeys, type Subscription } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectBus, type Bus } from '../bus.js';
import { BusConnectError, BusPermissionError } from '../errors.js';
import type { BusIdentity } from './identity.js';

// Attacks on the bus as the issue walked them, against a server started with the generated
// config: each must fail at the server (refused connection or permission violation).
const logger = createLogger({ service: 'bus-trust-test', level: 'silent' });
const AT = '2026-03-02T09:00:00.000Z';

let nats: TrustedNats;
const open: Bus[] = [];
async function as(identity: BusIdentity): Promise<Bus> {
  const bus = await connectBus({
    url: nats.url,
    name: 'trust-test',
    logger,
    namespace: nats.namespace,
    auth: nats.auth(identity),
  });
  open.push(bus);
  return bus;
}
const strategy = (source: string): BusIdentity => ({ role: 'strategy', source });
const service = (name: 'execution' | 'reconciler' | 'arming' | 'gateway'): BusIdentity => ({
  role: 'service',
  service: name,
});

let admin: Bus;
let alpha: Bus;
let execution: Bus;
let gateway: Bus;
let arming: Bus;

beforeAll(async () => {
  nats = await startTrustedNats({ strategies: ['alpha', 'beta'] });
  admin = await as({ role: 'admin' });
  await admin.ensureStreams();
  [alpha, execution, gateway, arming] = await Promise.all([
    as(strategy('alpha')),
    as(service('execution')),
    as(service('gateway')),
    as(service('arming')),
  ]);
});
afterAll(async () => {
  await Promise.all(open.map((b) => b.close()));
  await nats.stop();
});

function intent(source: string, intentId: string): OrderIntent {
  return orderIntentSchema.parse({
    intentId,
    mode: 'live',
    symbol: 'BTCUSDT',
    side: 'BUY',
    type: 'MARKET',
    quantity: '0.001',
    source,
    createdAt: AT,
  });
}

const event = (source: string, intentId: string): OrderEvent => ({
  type: 'order.accepted',
  eventId: `e-${intentId}`,
  intentId,
  source,
  mode: 'live',
  state: 'SUBMITTING',
  at: AT,
});

/** Publishes raw bytes to a stream subject; resolves with the error the server's answer gave. */
async function rawPublish(bus: Bus, subject: string): Promise<Error | undefined> {
  return jetstream(bus.nc)
    .publish(subject, '{}', { timeout: 3_000 })
    .then(() => undefined)
    .catch((err: unknown) => err as Error);
}

/** Resolves with the error that ends the subscription (a permission violation), if any in time. */
function subscriptionError(sub: Subscription, ms = 3_000): Promise<Error | undefined> {
  return Promise.race([
    (async () => {
      try {
        for await (const _m of sub) return undefined;
      } catch (err) {
        return err as Error;
      }
      return undefined;
    })(),
    new Promise<undefined>((r) => setTimeout(() => r(undefined), ms)),
  ]);
}

describe('bus trust - who may connect', () => {
  it('refuses an anonymous connection and an unknown nkey', async () => {
    await expect(
      connectBus({ url: nats.url, name: 'anon', logger, namespace: nats.namespace }),
    ).rejects.toThrow(
      new BusConnectError(`NATS_URL ${nats.url}: authorization failed (check the credentials)`),
    );
    const stranger = new TextDecoder().decode(nkeys.createUser().getSeed());
    await expect(
      connectBus({ url: nats.url, name: 'x', logger, auth: { nkeySeed: stranger } }),
    ).rejects.toBeInstanceOf(BusConnectError);
    for (const auth of [{ token: 'guess' }, { user: 'admin', password: 'admin' }])
      await expect(connectBus({ url: nats.url, name: 'x', logger, auth })).rejects.toThrow(
        /authorization failed/,
      );
  });
});

describe('bus trust - a strategy', () => {
  it('publishes intents under its own source only', async () => {
    const own = await alpha.publish(
      alpha.subjects.orderIntent('alpha'),
      orderIntentSchema,
      intent('alpha', 'a-1'),
    );
    expect(own.seq).toBeGreaterThan(0);
    await expect(
      alpha.publish(alpha.subjects.orderIntent('beta'), orderIntentSchema, intent('beta', 'b-1')),
    ).rejects.toBeInstanceOf(BusPermissionError);
  });

  it("cancels its own orders only: another source's cancel subject is refused by the server", async () => {
    const own = await alpha.publish(
      alpha.subjects.orderCancel('alpha'),
      orderCancelSchema,
      { cancelId: 'c-1', intentId: 'a-1', source: 'alpha', at: AT },
      { msgId: cancelMsgId({ source: 'alpha', cancelId: 'c-1' }) },
    );
    expect(own.seq).toBeGreaterThan(0);
    await expect(
      alpha.publish(alpha.subjects.orderCancel('beta'), orderCancelSchema, {
        cancelId: 'c-2',
        intentId: 'b-1',
        source: 'beta',
        at: AT,
      }),
    ).rejects.toBeInstanceOf(BusPermissionError);
    expect((await rawPublish(alpha, alpha.subjects.orderCancel('beta')))?.message).toMatch(
      /^Permissions Violation for Publish/,
    );
  });

  it('cannot arm, forge a mode change, a reconcile report, order events, audit rows or anchors', async () => {
    await expect(
      alpha.request(
        alpha.subjects.arming('request'),
        armingSchemas.request.request,
        armingSchemas.request.reply,
        { operator: 'ghost-operator', reason: 'arm me' },
        { timeoutMs: 3_000 },
      ),
    ).rejects.toThrow(new BusPermissionError(alpha.subjects.arming('request')));
    await expect(
      alpha.publish(alpha.subjects.modeChanged, modeChangedSchema, {
        mode: 'LIVE',
        previousMode: 'PAPER',
        version: 999_999,
        operator: 'ghost-operator',
        reason: 'forged',
        sessionId: 's-1',
        expiresAt: AT,
        at: AT,
      } as never),
    ).rejects.toBeInstanceOf(BusPermissionError);
    const s = alpha.subjects;
    for (const subject of [
      s.reconcileCompleted,
      s.reconcileRequest,
      s.orderEvent('alpha', 'a-1'),
      s.audit('x'),
      s.auditAnchor,
    ]) {
      expect((await rawPublish(alpha, subject))?.message, subject).toMatch(
        /^Permissions Violation for Publish/,
      );
    }
  });

  it("reads its own order events, never another source's nor anyone's replies", async () => {
    const mine = alpha.nc.subscribe(alpha.subjects.orderEventsOf('alpha'));
    await alpha.nc.flush();
    await execution.publish(
      execution.subjects.orderEvent('alpha', 'a-1'),
      orderEventSchema,
      event('alpha', 'a-1'),
    );
    for await (const m of mine) {
      expect(orderEventSchema.parse(m.json()).intentId).toBe('a-1');
      break;
    }
    for (const subject of [
      alpha.subjects.orderEventsOf('beta'),
      alpha.subjects.orderEventAll,
      '_INBOX.>',
      `_INBOX_${nats.namespace}_gateway.>`,
    ]) {
      const sub = alpha.nc.subscribe(subject);
      expect((await subscriptionError(sub))?.name, subject).toBe('PermissionViolationError');
    }
  });

  it("reads the outcomes of its own cancels, never another source's; nobody but execution forges one", async () => {
    const outcome = (source: string, cancelId: string) =>
      cancelOutcomeEventSchema.parse({
        type: 'order.cancel_outcome',
        cancelId,
        intentId: 'x-1',
        source,
        requestedBy: { kind: 'strategy' },
        requestedAt: AT,
        outcome: 'UNKNOWN_INTENT',
        state: null,
        message: 'Unknown intent.',
        resolvedAt: AT,
      });
    const mine = alpha.nc.subscribe(alpha.subjects.cancelOutcomesOf('alpha'));
    await alpha.nc.flush();
    await execution.publish(
      execution.subjects.cancelOutcome('alpha', 'c-1'),
      cancelOutcomeEventSchema,
      outcome('alpha', 'c-1'),
      { msgId: cancelOutcomeMsgId({ source: 'alpha', cancelId: 'c-1' }) },
    );
    for await (const m of mine) {
      expect(cancelOutcomeEventSchema.parse(m.json()).cancelId).toBe('c-1');
      break;
    }
    for (const subject of [
      alpha.subjects.cancelOutcomesOf('beta'),
      alpha.subjects.cancelOutcome('beta', 'c-2'),
      alpha.subjects.cancelOutcomeAll,
      `${alpha.subjects.cancelOutcomeAll.slice(0, -2)}.*.c-2`,
    ]) {
      const sub = alpha.nc.subscribe(subject);
      expect((await subscriptionError(sub))?.name, subject).toBe('PermissionViolationError');
    }
    for (const bus of [alpha, gateway, arming]) {
      expect((await rawPublish(bus, bus.subjects.cancelOutcome('alpha', 'c-3')))?.message).toMatch(
        /^Permissions Violation for Publish/,
      );
    }
  });
});

describe('bus trust - the services', () => {
  it('lets the gateway request arming, answered by arming; nobody else answers or forges', async () => {
    const ping = z.object({ ping: z.literal(true) });
    const pong = z.object({ pong: z.literal(true) });
    const server = await arming.serve(arming.subjects.arming('status'), ping, pong, async () => ({
      pong: true as const,
    }));
    const reply = await gateway.request(
      gateway.subjects.arming('status'),
      ping,
      pong,
      { ping: true },
      {
        timeoutMs: 5_000,
      },
    );
    expect(reply).toEqual({ pong: true });
    await server.stop();
    for (const [bus, subject] of [
      [gateway, gateway.subjects.modeChanged],
      [gateway, gateway.subjects.reconcileCompleted],
      [gateway, gateway.subjects.orderEvent('alpha', 'g-1')],
      [execution, execution.subjects.modeChanged],
      [execution, execution.subjects.reconcileCompleted],
      [arming, arming.subjects.orderEvent('alpha', 'm-1')],
      [arming, arming.subjects.reconcileCompleted],
    ] as const) {
      expect((await rawPublish(bus, subject))?.message, subject).toMatch(/^Permissions Violation/);
    }
    expect(await rawPublish(arming, arming.subjects.modeChanged)).toBeUndefined();
    expect(await rawPublish(arming, arming.subjects.auditAnchor)).toBeUndefined();
  });

  it('lets execution consume intents and the reconciler report runs, but not change streams', async () => {
    const reconciler = await as(service('reconciler'));
    expect(await rawPublish(reconciler, reconciler.subjects.reconcileCompleted)).toBeUndefined();
    const seen: string[] = [];
    const consumer = await execution.consume({
      stream: execution.streams.orderIntents,
      durable: 'execution-intents',
      filterSubject: execution.subjects.orderIntentAll,
      schema: orderIntentSchema,
      handler: async (msg, ctl) => {
        seen.push(msg.intentId);
        await ctl.ack();
      },
    });
    const deadline = Date.now() + 5_000;
    while (!seen.includes('a-1') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    await consumer.stop();
    expect(seen).toContain('a-1');
    await expect(execution.ensureStreams({ intentDuplicateWindowMs: 1_000 })).rejects.toThrow(
      /Permissions Violation/,
    );
  });
});
