import { orderEventSchema } from '@livegate/contracts';
import { describe, expect, it } from 'vitest';
import { invalidIntentEvent, subjectSource } from './invalid-intent.js';

const now = Date.parse('2026-01-01T00:00:00Z');

describe('invalidIntentEvent', () => {
  it("uses the intent's own id and mode when they are usable", () => {
    const e = invalidIntentEvent({
      source: 'momentum',
      raw: { intentId: 'own-1', mode: 'live' },
      issues: ['symbol: required'],
      msgId: 'msg-1',
      now,
    });
    expect(orderEventSchema.parse(e)).toMatchObject({
      type: 'order.rejected',
      intentId: 'own-1',
      source: 'momentum',
      mode: 'live',
      state: 'REJECTED',
      code: 'INVALID_INTENT',
      message: 'The intent is invalid: symbol: required',
      details: { issues: ['symbol: required'] },
      at: '2026-01-01T00:00:00.000Z',
    });
  });

  it("falls back to the Nats-Msg-Id's intentId of the source, then a generated id, and paper", () => {
    expect(
      invalidIntentEvent({
        source: 'momentum',
        raw: { intentId: 'has space' },
        issues: [],
        msgId: 'momentum:msg-1:tag',
        now,
      }),
    ).toMatchObject({ intentId: 'msg-1', mode: 'paper' });
    for (const msgId of ['bad id', 'msg-1', 'meanrev:msg-1'])
      expect(
        invalidIntentEvent({ source: 'momentum', raw: 'text', issues: [], msgId, now }).intentId,
      ).toMatch(/^invalid-[0-9a-f-]{36}$/);
    expect(
      invalidIntentEvent({ source: 'momentum', raw: null, issues: [], msgId: undefined, now })
        .intentId,
    ).toMatch(/^invalid-/);
  });

  it('keeps the message within the contract length', () => {
    const e = invalidIntentEvent({
      source: 'momentum',
      raw: {},
      issues: ['x'.repeat(2000)],
      msgId: undefined,
      now,
    });
    expect(orderEventSchema.parse(e)).toMatchObject({ message: expect.stringMatching(/\.\.\.$/) });
    expect(e.type === 'order.rejected' && e.message.length).toBe(1000);
  });

  it('takes the source from the subject the message came on, or names it invalid', () => {
    expect(subjectSource('t1.orders.intent.momentum')).toBe('momentum');
    expect(subjectSource(`orders.intent.${'x'.repeat(40)}`)).toBe('invalid-source');
  });
});
