import { describe, expect, it } from 'vitest';
import { ACK, nak, whileWorking } from './verdict.js';

describe('verdict', () => {
  it('naks with a whole, non-negative delay', () => {
    expect(nak(12.6)).toEqual({ kind: 'nak', delayMs: 13 });
    expect(nak(-5)).toEqual({ kind: 'nak', delayMs: 0 });
    expect(ACK).toEqual({ kind: 'ack' });
  });

  it('calls working() while the work runs, and stops after it', async () => {
    let calls = 0;
    let release: () => void = () => {};
    const ctl = {
      working() {
        calls += 1;
        if (calls === 2) release();
      },
    };
    const result = await whileWorking(
      ctl,
      5,
      () => new Promise<string>((resolve) => (release = () => resolve('done'))),
    );
    expect(result).toBe('done');
    expect(calls).toBe(2);
    await expect(whileWorking(ctl, 5, () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
  });
});
