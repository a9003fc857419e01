import { describe, expect, it } from 'vitest';
import type { CrashPoint } from './config.js';
import { createCrashPoints } from './crash-points.js';

describe('createCrashPoints', () => {
  it('kills once, at the configured point only', () => {
    const killed: CrashPoint[] = [];
    const reach = createCrashPoints({
      at: 'after-exchange-accept',
      kill: (p) => killed.push(p),
      freeze: () => {},
    });
    reach('after-submitting-commit');
    expect(killed).toEqual([]);
    reach('after-exchange-accept');
    reach('after-exchange-accept');
    expect(killed).toEqual(['after-exchange-accept']);
  });

  it('does nothing without a point', () => {
    const killed: CrashPoint[] = [];
    const reach = createCrashPoints({
      at: undefined,
      kill: (p) => killed.push(p),
      freeze: () => {},
    });
    reach('after-submitting-commit');
    reach('after-exchange-accept');
    expect(killed).toEqual([]);
  });

  it('freezes once at the freeze point, and kills at the crash point', () => {
    const seen: string[] = [];
    const reach = createCrashPoints({
      at: 'after-exchange-accept',
      freezeAt: 'after-fence-commit',
      kill: (p) => seen.push(`kill ${p}`),
      freeze: (p) => seen.push(`freeze ${p}`),
    });
    reach('after-fence-commit');
    reach('after-fence-commit');
    reach('after-exchange-accept');
    expect(seen).toEqual(['freeze after-fence-commit', 'kill after-exchange-accept']);
  });
});
