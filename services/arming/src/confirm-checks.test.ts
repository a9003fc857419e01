import { ARM_PHRASE } from '@livegate/contracts';
import type { ArmTokenRow } from '@livegate/db';
import { describe, expect, it } from 'vitest';
import { armableRefusal, checkToken, checkTokenShape } from './confirm-checks.js';

const now = new Date('2026-01-01T12:00:00Z');
const row: ArmTokenRow = {
  id: '7',
  token_hash: 'f'.repeat(64),
  operator: 'alice',
  reason: 'open BTC',
  created_at: new Date('2026-01-01T11:59:30Z'),
  expires_at: new Date('2026-01-01T12:00:30Z'),
  used_at: null,
  used_by: null,
  superseded_at: null,
};
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error?.code);

describe('checkTokenShape', () => {
  it('refuses a missing or empty token as TOKEN_MISSING and anything but 64 lowercase hex as TOKEN_MALFORMED', () => {
    expect(code(checkTokenShape(undefined))).toBe('TOKEN_MISSING');
    expect(code(checkTokenShape(''))).toBe('TOKEN_MISSING');
    expect(code(checkTokenShape('A'.repeat(64)))).toBe('TOKEN_MALFORMED');
    expect(code(checkTokenShape('a'.repeat(63)))).toBe('TOKEN_MALFORMED');
    expect(checkTokenShape('a'.repeat(64))).toEqual({ ok: true, value: 'a'.repeat(64) });
  });
});

describe('checkToken', () => {
  const check = (over: Partial<ArmTokenRow> | undefined, operator = 'alice', fourEyes = false) =>
    code(
      checkToken({
        row: over === undefined ? undefined : { ...row, ...over },
        operator,
        now,
        requireSecondOperator: fourEyes,
      }),
    );

  it('accepts the own, unused, unexpired token', () => {
    expect(checkToken({ row, operator: 'alice', now, requireSecondOperator: false })).toEqual({
      ok: true,
      value: row,
    });
  });

  it('refuses unknown, foreign, used, superseded and expired tokens', () => {
    expect(check(undefined)).toBe('TOKEN_UNKNOWN');
    expect(check({}, 'bob')).toBe('TOKEN_OTHER_OPERATOR');
    expect(check({ used_at: now, used_by: 'alice' })).toBe('TOKEN_USED');
    expect(check({ superseded_at: now })).toBe('TOKEN_USED');
    expect(check({ expires_at: now })).toBe('TOKEN_EXPIRED');
  });

  it('says a superseded (or kill-voided) token is void', () => {
    const r = checkToken({
      row: { ...row, superseded_at: now },
      operator: 'alice',
      now,
      requireSecondOperator: false,
    });
    expect(r).toMatchObject({
      ok: false,
      error: { message: 'The arm token is void: a newer request or a kill replaced it.' },
    });
  });

  it('with four-eyes, wants another operator than the requester', () => {
    expect(check({}, 'alice', true)).toBe('SECOND_OPERATOR_REQUIRED');
    expect(check({}, 'bob', true)).toBe('OK');
    expect(check({ used_at: now, used_by: 'carol' }, 'bob', true)).toBe('TOKEN_USED');
  });
});

describe('armableRefusal', () => {
  const ok = { confirmation: ARM_PHRASE, mode: 'PAPER', reconcileBlocked: false } as const;

  it('wants the exact phrase, PAPER, and a clean reconcile', () => {
    expect(armableRefusal(ok)).toBeUndefined();
    expect(armableRefusal({ ...ok, confirmation: 'arm live' })?.code).toBe('WRONG_PHRASE');
    expect(armableRefusal({ ...ok, confirmation: ' ARM LIVE' })?.code).toBe('WRONG_PHRASE');
    expect(armableRefusal({ ...ok, mode: 'HALTED' })?.code).toBe('HALTED');
    expect(armableRefusal({ ...ok, mode: 'LIVE' })?.code).toBe('ALREADY_LIVE');
    expect(armableRefusal({ ...ok, reconcileBlocked: true })?.code).toBe('RECONCILE_PENDING');
  });
});
