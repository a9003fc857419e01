import { describe, expect, it } from 'vitest';
import { streamDefinitions, streamNames } from './streams.js';
import { lastSubjectToken, subjects, subjectToken } from './subjects.js';

describe('subjects', () => {
  it('names the production subjects of DESIGN.md §2', () => {
    const s = subjects();
    expect(s.orderIntent('strat1')).toBe('orders.intent.strat1');
    expect(s.orderIntentAll).toBe('orders.intent.>');
    expect(s.orderCancel('strat1')).toBe('orders.cancel.strat1');
    expect(s.orderCancelAll).toBe('orders.cancel.>');
    expect(s.orderEvent('strat1', 'abc')).toBe('orders.event.strat1.abc');
    expect(s.orderEventsOf('strat1')).toBe('orders.event.strat1.>');
    expect(s.orderEventAll).toBe('orders.event.>');
    expect(s.cancelOutcome('strat1', 'c-1')).toBe('orders.cancel-outcome.strat1.c-1');
    expect(s.cancelOutcomesOf('strat1')).toBe('orders.cancel-outcome.strat1.>');
    expect(s.cancelOutcomeAll).toBe('orders.cancel-outcome.>');
    expect(s.orderDeadLetter('strat1')).toBe('orders.deadletter.strat1');
    expect(s.orderDeadLetterAll).toBe('orders.deadletter.>');
    expect(s.arming('confirm')).toBe('arming.confirm');
    expect(s.armingAll).toBe('arming.*');
    expect(s.modeChanged).toBe('mode.changed');
    expect(s.reconcileRequest).toBe('reconcile.request');
    expect(s.reconcileCompleted).toBe('reconcile.completed');
    expect(s.audit('arm_confirmed')).toBe('audit.arm_confirmed');
    expect(s.audit('arm.refused')).toBe('audit.arm.refused');
    expect(s.auditAll).toBe('audit.>');
    expect(s.auditAnchor).toBe('anchor.audit');
    expect(s.venueBudget('paper')).toBe('venue.budget.paper');
    expect(s.venueBudgetAll).toBe('venue.budget.*');
    expect(s.moneyBalances('live')).toBe('money.balances.live');
    expect(s.moneyBalancesAll).toBe('money.balances.*');
  });

  it('reads the source of an intent from its subject', () => {
    expect(lastSubjectToken(subjects('t1').orderIntent('momentum'))).toBe('momentum');
  });

  it('prefixes every subject with a namespace', () => {
    expect(subjects('t1').orderIntent('x')).toBe('t1.orders.intent.x');
    expect(subjects('t1').modeChanged).toBe('t1.mode.changed');
  });

  it('refuses tokens that would add levels or wildcards', () => {
    expect(() => subjectToken('a.b')).toThrow(/subject token must match/);
    expect(() => subjects().orderEvent('s', '>')).toThrow(/got ">"/);
    expect(() => subjects().orderEventsOf('*')).toThrow(/got "\*"/);
    expect(() => subjects().cancelOutcome('s', 'a.b')).toThrow(/got "a.b"/);
    expect(() => subjects().cancelOutcomesOf('>')).toThrow(/got ">"/);
    expect(() => subjects('a b')).toThrow();
    expect(() => subjects().audit('arm..x')).toThrow(/got ""/);
    expect(() => subjects().audit('arm.*')).toThrow(/got "\*"/);
  });
});

describe('streams', () => {
  it('defines the five streams and the dead letters, with the intent dedup window configurable', () => {
    const defs = streamDefinitions({ intentDuplicateWindowMs: 5000 });
    expect(defs.map((d) => d.name)).toEqual([
      'ORDER_INTENTS',
      'ORDER_EVENTS',
      'MODE',
      'RECONCILE',
      'AUDIT',
      'DEAD_LETTERS',
    ]);
    expect(defs[0]).toMatchObject({
      retention: 'workqueue',
      storage: 'file',
      duplicateWindowMs: 5000,
    });
    expect(streamDefinitions()[0]?.duplicateWindowMs).toBe(600_000);
    expect(defs[5]?.subjects).toEqual(['orders.deadletter.>']);
    // Cancel outcomes are kept with the order events (limits retention), never in the work queue.
    expect(defs[1]?.subjects).toEqual(['orders.event.>', 'orders.cancel-outcome.>']);
  });

  it('bounds every stream; a full intent stream refuses new intents rather than dropping unworked ones', () => {
    const defs = streamDefinitions();
    for (const def of defs) {
      expect(def.maxMsgs).toBeGreaterThan(0);
      expect(def.maxMsgSize).toBeGreaterThan(0);
    }
    expect(defs.map((d) => d.discard)).toEqual(['new', 'old', 'old', 'old', 'old', 'old']);
  });

  it('keeps namespaced stream names and subjects apart', () => {
    const defs = streamDefinitions({ namespace: 'x1' });
    expect(defs.map((d) => d.name)).toEqual(Object.values(streamNames('x1')));
    expect(defs[3]?.subjects).toEqual(['x1.reconcile.request', 'x1.reconcile.completed']);
    expect(streamNames().mode).toBe('MODE');
    expect(defs[4]?.subjects).toEqual(['x1.audit.>', 'x1.anchor.audit']);
  });
});
