import { parseEnv } from '@livegate/runtime';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { busEnv } from './bus-env.js';

const schema = z.object(busEnv);

describe('busEnv', () => {
  it('defaults to the local NATS server and no namespace', () => {
    expect(parseEnv(schema, { NATS_URL: '', LIVEGATE_NAMESPACE: '' })).toEqual({
      NATS_URL: 'nats://127.0.0.1:4222',
      LIVEGATE_NAMESPACE: '',
    });
    expect(
      parseEnv(schema, { NATS_URL: 'nats://a:1,nats://b:2', LIVEGATE_NAMESPACE: 't_1-x' }),
    ).toEqual({ NATS_URL: 'nats://a:1,nats://b:2', LIVEGATE_NAMESPACE: 't_1-x' });
  });

  it('refuses a namespace that would add subject levels or wildcards', () => {
    for (const ns of ['a.b', 'a*', 'a>', 'a b']) {
      expect(() => parseEnv(schema, { LIVEGATE_NAMESPACE: ns })).toThrow(
        'invalid configuration: LIVEGATE_NAMESPACE: letters, digits, "_" or "-" only',
      );
    }
  });
});
