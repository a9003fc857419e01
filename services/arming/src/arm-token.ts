import { createHash, randomBytes } from 'node:crypto';

/** A fresh arm token: 256 random bits as 64 lowercase hex characters. Shown once, never stored. */
export function newArmToken(): string {
  return randomBytes(32).toString('hex');
}

/** What is stored and looked up instead of the token: its sha256, 64 lowercase hex characters. */
export function hashArmToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
