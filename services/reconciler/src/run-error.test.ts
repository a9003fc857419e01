import { describe, expect, it } from 'vitest';
import { describeFailure, RunAborted } from './run-error.js';

describe('run-error', () => {
  it('carries the error a run ends with', () => {
    const err = new RunAborted({ code: 'RATE_LIMITED', message: 'wait' });
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('RunAborted');
    expect(err.message).toBe('wait');
    expect(err.error.code).toBe('RATE_LIMITED');
  });

  it('describes a failure in one bounded line', () => {
    expect(describeFailure(new Error('first\nsecond'))).toBe('first');
    expect(describeFailure('plain')).toBe('plain');
    expect(describeFailure(new Error(''))).toBe('unexpected failure');
    expect(describeFailure('x'.repeat(600))).toHaveLength(500);
  });
});
