import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@livegate/runtime';
import { nkeys } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { busAuthFromEnv } from './auth-env.js';

const seed = new TextDecoder().decode(nkeys.createUser().getSeed());
const dir = mkdtempSync(join(tmpdir(), 'livegate-auth-env-'));

describe('busAuthFromEnv', () => {
  it('is nothing without credentials', () => {
    expect(busAuthFromEnv({})).toBeUndefined();
  });

  it('takes an nkey seed, from the variable or a file, with the inbox prefix', () => {
    expect(busAuthFromEnv({ NATS_NKEY_SEED: seed, NATS_INBOX_PREFIX: '_INBOX_x' })).toEqual({
      nkeySeed: seed,
      inboxPrefix: '_INBOX_x',
    });
    const file = join(dir, 'seed');
    writeFileSync(file, `${seed}\n`);
    expect(busAuthFromEnv({ NATS_NKEY_SEED_FILE: file })).toEqual({ nkeySeed: seed });
  });

  it('takes a user and password, or a token', () => {
    expect(busAuthFromEnv({ NATS_USER: 'u', NATS_PASSWORD: 'p' })).toEqual({
      user: 'u',
      password: 'p',
    });
    expect(busAuthFromEnv({ NATS_TOKEN: 't' })).toEqual({ token: 't' });
  });

  it('refuses several kinds at once, half a user, and an unreadable or wrong seed file', () => {
    expect(() => busAuthFromEnv({ NATS_TOKEN: 't', NATS_NKEY_SEED: seed })).toThrow(
      new ConfigError(['NATS credentials: set one of NATS_NKEY_SEED, NATS_TOKEN, not several']),
    );
    expect(() => busAuthFromEnv({ NATS_USER: 'u' })).toThrow('NATS_USER/NATS_PASSWORD: set both');
    expect(() => busAuthFromEnv({ NATS_NKEY_SEED_FILE: join(dir, 'missing') })).toThrow(
      /NATS_NKEY_SEED_FILE: cannot read/,
    );
    const wrong = join(dir, 'wrong');
    writeFileSync(wrong, 'not a seed');
    expect(() => busAuthFromEnv({ NATS_NKEY_SEED_FILE: wrong })).toThrow(/holds no nkey seed/);
  });
});
