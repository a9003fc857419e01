import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';

const PARAMS = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
const STORED = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  length: number,
  options: ScryptOptions,
) => Promise<Buffer>;

function derive(password: string, salt: Buffer, length: number, options: ScryptOptions) {
  return scryptAsync(password.normalize('NFC'), salt, length, {
    ...options,
    maxmem: 64 * 1024 * 1024,
  });
}

/** `scrypt$N$r$p$salt$hash` (base64url) with a fresh 128-bit salt per call. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_LENGTH, PARAMS);
  const { N, r, p } = PARAMS;
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** True when `password` matches `stored`; compares in constant time, and a malformed `stored` never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = STORED.exec(stored);
  if (m === null) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const expected = Buffer.from(m[5] as string, 'base64url');
  const actual = await derive(password, Buffer.from(m[4] as string, 'base64url'), expected.length, {
    N,
    r,
    p,
  }).catch(() => undefined);
  return actual !== undefined && timingSafeEqual(actual, expected);
}

/** A valid hash of a random password: verified against when the operator is unknown, so timing reveals nothing. */
export const DECOY_PASSWORD_HASH = await hashPassword(randomBytes(16).toString('hex'));
