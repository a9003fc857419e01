import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url: session cookie values and API keys. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 as 64 lowercase hex: what is stored instead of a cookie value or an API key. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
