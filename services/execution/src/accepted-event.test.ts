import { describe, expect, it } from 'vitest';
import { createAcceptedLedger } from './accepted-event.js';

describe('createAcceptedLedger', () => {
  it('remembers confirmed intents until forgotten, the oldest dropped first beyond its limit', () => {
    const ledger = createAcceptedLedger(2);
    ledger.confirmed('a:1');
    ledger.confirmed('a:2');
    expect([ledger.has('a:1'), ledger.has('a:2')]).toEqual([true, true]);
    ledger.confirmed('a:3');
    expect([ledger.has('a:1'), ledger.has('a:2'), ledger.has('a:3')]).toEqual([false, true, true]);
    ledger.forget('a:2');
    expect(ledger.has('a:2')).toBe(false);
  });
});
