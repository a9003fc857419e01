import { describe, expect, it } from 'vitest';
import { DevRunnerError, firstLine } from './errors.js';

describe('errors', () => {
  it('keeps the first line of any error', () => {
    expect(firstLine(new Error('one\ntwo\nthree'))).toBe('one');
    expect(firstLine('plain')).toBe('plain');
    expect(firstLine(new Error(''))).toBe('');
  });

  it('carries a code beside the sentence', () => {
    const err = new DevRunnerError('NATS_UNAVAILABLE', 'NATS_URL is not set, …', { cause: 'x' });
    expect(err).toMatchObject({
      name: 'DevRunnerError',
      code: 'NATS_UNAVAILABLE',
      message: 'NATS_URL is not set, …',
      cause: 'x',
    });
  });
});
