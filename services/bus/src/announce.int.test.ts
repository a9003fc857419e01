import type { AuditEvent, ModeChanged, OrderEvent } from '@livegate/contracts';
import type { TestNats } from '@livegate/test-harness';
import type { Subscription } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busForTest, captureLogger, ERROR } from '../test/support.js';
import { announceCommitted, publishAuditEvent } from './announce.js';
import { BusValidationError, type Bus } from './index.js';

const AT = '2026-01-01T12:00:00.000Z';

const orderEvent = (intentId: string): OrderEvent => ({
  type: 'order.canceled',
  eventId: `e-${intentId}`,
  intentId,
  source: 'momentum',
  mode: 'paper',
  state: 'CANCELED',
  at: AT,
});
const modeChange = (version: number): ModeChanged => ({
  mode: 'PAPER',
  previousMode: 'LIVE',
  version,
  operator: 'alice',
  reason: 'done',
  at: AT,
});
const audit = (id: string): AuditEvent => ({
  id,
  kind: 'arming.disarmed',
  actor: 'alice',
  details: {},
  at: AT,
  hash: 'a'.repeat(64),
});
// Each fails its schema, so publish throws before anything is sent.
const badOrderEvent = { ...orderEvent('bad'), state: 'NOPE' } as unknown as OrderEvent;
const badModeChange = { ...modeChange(0), version: -1 };
const badAudit = { ...audit('0'), hash: 'not hex' };

describe('bus - announceCommitted', () => {
  let nats: TestNats;
  let bus: Bus;
  let sub: Subscription;
  const seen: Array<{ subject: string; msgId: string | undefined }> = [];

  beforeAll(async () => {
    ({ nats, bus } = await busForTest('announce-test'));
    sub = bus.nc.subscribe(`${bus.namespace}.>`, {
      callback: (_err, m) => {
        seen.push({ subject: m.subject, msgId: m.headers?.get('Nats-Msg-Id') });
      },
    });
  });
  afterAll(async () => {
    sub.unsubscribe();
    await bus.close();
    await nats.cleanup();
  });

  /** Publishes a marker and waits for it, so every message published before it has been seen. */
  async function seenSoFar(): Promise<typeof seen> {
    const marker = audit(String(900 + seen.length));
    await publishAuditEvent(bus, marker);
    await expect
      .poll(() => seen.some((s) => s.msgId === `audit-${marker.id}`), { timeout: 5_000 })
      .toBe(true);
    return seen.splice(0).filter((s) => s.msgId !== `audit-${marker.id}`);
  }

  it('publishes order events, then mode changes, then audit events, each under its msgId', async () => {
    const ns = bus.namespace;
    await announceCommitted(bus, {
      audits: [audit('1'), audit('2')],
      modeChanges: [modeChange(3)],
      events: [orderEvent('i-1'), orderEvent('i-2')],
    });
    expect(await seenSoFar()).toEqual([
      { subject: `${ns}.orders.event.momentum.i-1`, msgId: 'e-i-1' },
      { subject: `${ns}.orders.event.momentum.i-2`, msgId: 'e-i-2' },
      { subject: `${ns}.mode.changed`, msgId: 'mode-3' },
      { subject: `${ns}.audit.arming.disarmed`, msgId: 'audit-1' },
      { subject: `${ns}.audit.arming.disarmed`, msgId: 'audit-2' },
    ]);
  });

  it('announces nothing for an empty commit', async () => {
    await announceCommitted(bus, {});
    expect(await seenSoFar()).toEqual([]);
  });

  it('stops at a failed order event and throws it, with or without a logger', async () => {
    const { logger, lines } = captureLogger();
    for (const options of [{}, { logFailuresTo: logger }]) {
      const err = await announceCommitted(
        bus,
        { events: [badOrderEvent, orderEvent('i-3')], audits: [audit('4')] },
        options,
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BusValidationError);
      expect(await seenSoFar()).toEqual([]);
    }
    expect(lines.filter((l) => l.level >= ERROR)).toEqual([]);
  });

  it('with a logger, logs a failed mode change or audit event and still publishes the rest', async () => {
    const { logger, lines } = captureLogger();
    await announceCommitted(
      bus,
      { modeChanges: [badModeChange, modeChange(5)], audits: [badAudit, audit('6')] },
      { logFailuresTo: logger },
    );
    expect((await seenSoFar()).map((s) => s.msgId)).toEqual(['mode-5', 'audit-6']);
    expect(lines.filter((l) => l.level === ERROR)).toEqual([
      expect.objectContaining({
        msg: 'publishing mode.changed failed',
        version: -1,
        mode: 'PAPER',
        err: expect.objectContaining({ type: 'BusValidationError' }),
      }),
      expect.objectContaining({
        msg: 'publishing the audit event failed',
        auditId: '0',
        kind: 'arming.disarmed',
        err: expect.objectContaining({ type: 'BusValidationError' }),
      }),
    ]);
  });

  it('without a logger, throws at a failed mode change or audit event', async () => {
    for (const committed of [
      { modeChanges: [badModeChange, modeChange(7)] },
      { audits: [badAudit, audit('8')] },
    ]) {
      const err = await announceCommitted(bus, committed).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BusValidationError);
      expect(await seenSoFar()).toEqual([]);
    }
  });

  it('stores an announced audit row once however often it is announced', async () => {
    const first = await publishAuditEvent(bus, audit('10'));
    const again = await publishAuditEvent(bus, audit('10'));
    expect(again).toEqual({ ...(first as object), duplicate: true });
    seen.splice(0);
  });
});
