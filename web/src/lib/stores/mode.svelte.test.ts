import type { ModeChanged, ModeSnapshot } from '@livegate/contracts';
import { describe, expect, it } from 'vitest';
import { ModeStore } from './mode.svelte.js';

const paper = (version: number): ModeSnapshot => ({
  mode: 'PAPER',
  version,
  reconcileBlocked: false,
});
const change = (over: Partial<ModeChanged>): ModeChanged => ({
  mode: 'PAPER',
  previousMode: 'LIVE',
  version: 2,
  operator: 'alice',
  reason: 'done for the day',
  at: '2026-01-31T12:00:00.000Z',
  ...over,
});

describe('ModeStore', () => {
  it('takes a snapshot, ignores an older one and null, and lets an authoritative one win', () => {
    const store = new ModeStore();
    expect(store.replace(paper(5))).toBe(true);
    expect(store.snapshot?.version).toBe(5);
    expect(store.replace(paper(4))).toBe(false);
    expect(store.snapshot?.version).toBe(5);
    expect(store.replace(null)).toBe(false);
    expect(store.snapshot?.version).toBe(5);
    expect(store.replace(paper(5))).toBe(true);
    expect(store.snapshot?.version).toBe(5);
    store.replace(paper(1), { authoritative: true });
    expect(store.snapshot?.version).toBe(1);
    store.clear();
    expect(store.snapshot).toBeUndefined();
  });

  it('turns a change to LIVE into a snapshot with its session, keeping reconcileBlocked', () => {
    const store = new ModeStore();
    store.replace({ ...paper(1), reconcileBlocked: true });
    store.applyChange(
      change({
        mode: 'LIVE',
        previousMode: 'PAPER',
        version: 2,
        sessionId: 's-1',
        expiresAt: '2026-01-31T16:00:00.000Z',
      }),
    );
    expect(store.snapshot).toEqual({
      mode: 'LIVE',
      version: 2,
      session: {
        id: 's-1',
        operator: 'alice',
        startedAt: '2026-01-31T12:00:00.000Z',
        expiresAt: '2026-01-31T16:00:00.000Z',
      },
      haltedBy: undefined,
      haltReason: undefined,
      reconcileBlocked: true,
    });
  });

  it('records who halted and why', () => {
    const store = new ModeStore();
    store.applyChange(
      change({ mode: 'HALTED', version: 3, operator: 'bob', reason: 'runaway bot' }),
    );
    expect(store.snapshot).toMatchObject({
      mode: 'HALTED',
      haltedBy: 'bob',
      haltReason: 'runaway bot',
    });
    expect(store.snapshot?.session).toBeUndefined();
    expect(store.snapshot?.reconcileBlocked).toBe(false);
  });

  it('ignores a change it has already seen or that is older', () => {
    const store = new ModeStore();
    store.replace(paper(7));
    store.applyChange(change({ mode: 'HALTED', version: 7 }));
    store.applyChange(change({ mode: 'HALTED', version: 6 }));
    expect(store.snapshot?.mode).toBe('PAPER');
    store.applyChange(change({ mode: 'HALTED', version: 8 }));
    expect(store.snapshot?.mode).toBe('HALTED');
  });
});
