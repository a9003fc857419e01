import { describe, expect, it } from 'vitest';
import { intentIdOfMsgId, intentKeyString, intentMsgId, isIntentMsgIdOf } from './intent-key.js';

const key = { source: 'beta', intentId: 'i-1' };

describe('intent keys', () => {
  it('joins source and intentId with ":" (neither can contain it)', () => {
    expect(intentKeyString(key)).toBe('beta:i-1');
    expect(intentKeyString({ source: 'a', intentId: 'b' })).not.toBe(
      intentKeyString({ source: 'a-b', intentId: '' }),
    );
  });

  it('makes the message id plain or tagged', () => {
    expect(intentMsgId(key)).toBe('beta:i-1');
    expect(intentMsgId(key, 'Xy_9')).toBe('beta:i-1:Xy_9');
  });

  it.each([
    ['beta:i-1', true],
    ['beta:i-1:t', true],
    [`beta:i-1:${'t'.repeat(64)}`, true],
    [`beta:i-1:${'t'.repeat(65)}`, false],
    ['beta:i-1:', false],
    ['beta:i-1:a:b', false],
    ['beta:i-1x', false],
    ['beta:i-10', false],
    ['alpha:i-1', false],
    ['i-1', false],
    [undefined, false],
  ])('%s is an id of beta/i-1: %s', (msgId, ok) => {
    expect(isIntentMsgIdOf(msgId, key)).toBe(ok);
  });

  it('reads the intentId out of a message id of the source', () => {
    expect(intentIdOfMsgId('beta:i-1', 'beta')).toBe('i-1');
    expect(intentIdOfMsgId('beta:i-1:tag', 'beta')).toBe('i-1');
    expect(intentIdOfMsgId('alpha:i-1', 'beta')).toBeUndefined();
    expect(intentIdOfMsgId('i-1', 'beta')).toBeUndefined();
    expect(intentIdOfMsgId(undefined, 'beta')).toBeUndefined();
  });
});
