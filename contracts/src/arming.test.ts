import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ARM_PHRASE,
  ArmingErrorCode,
  armingReply,
  armingSchemas,
  armTokenSchema,
  type ArmingReply,
} from './arming.js';
import { parseResult } from './issues.js';
import { ARMING_VERBS } from './subjects.js';

const token = 'a'.repeat(64);
const snapshot = { mode: 'PAPER', version: 1, reconcileBlocked: false } as const;
const issues = (schema: z.ZodType, value: unknown) => {
  const result = parseResult(schema, value);
  return result.ok ? [] : result.issues;
};

describe('arming requests', () => {
  it('has request, result and reply schemas for every verb', () => {
    expect(Object.keys(armingSchemas)).toEqual([...ARMING_VERBS]);
  });

  it('accepts well-formed requests', () => {
    expect(issues(armingSchemas.status.request, {})).toEqual([]);
    expect(
      issues(armingSchemas.request.request, {
        operator: 'alice',
        reason: 'Start the BTC strategy.',
      }),
    ).toEqual([]);
    expect(
      issues(armingSchemas.confirm.request, { operator: 'alice', token, confirmation: ARM_PHRASE }),
    ).toEqual([]);
    expect(issues(armingSchemas.disarm.request, { operator: 'alice' })).toEqual([]);
    expect(issues(armingSchemas.kill.request, { operator: 'bob', reason: 'Runaway.' })).toEqual([]);
    expect(issues(armingSchemas.release.request, { operator: 'bob', reason: 'Fixed.' })).toEqual(
      [],
    );
  });

  it('refuses a missing reason where one is needed', () => {
    expect(issues(armingSchemas.request.request, { operator: 'alice' })).toEqual([
      'reason: required',
    ]);
    expect(issues(armingSchemas.kill.request, { operator: 'alice', reason: '' })).toEqual([
      'reason: must not be blank',
    ]);
    expect(issues(armingSchemas.release.request, {})).toEqual([
      'operator: required',
      'reason: required',
    ]);
  });

  it('leaves the token format to the service (missing or malformed get their own codes), but bounds its length', () => {
    expect(
      issues(armingSchemas.confirm.request, { operator: 'alice', confirmation: ARM_PHRASE }),
    ).toEqual([]);
    expect(
      issues(armingSchemas.confirm.request, {
        operator: 'alice',
        token: token.toUpperCase(),
        confirmation: ARM_PHRASE,
      }),
    ).toEqual([]);
    expect(
      issues(armingSchemas.confirm.request, {
        operator: 'alice',
        token: 'x'.repeat(201),
        confirmation: 'x'.repeat(101),
      }),
    ).toEqual([
      'token: must be at most 200 characters',
      'confirmation: must be at most 100 characters',
    ]);
    expect(issues(armingSchemas.confirm.request, { operator: 'alice', token })).toEqual([
      'confirmation: required',
    ]);
  });

  it('checks an arm token as 64 lowercase hex characters', () => {
    expect(issues(armTokenSchema, token)).toEqual([]);
    expect(issues(armTokenSchema, token.toUpperCase())).toEqual([
      'must be 64 lowercase hex characters',
    ]);
    expect(issues(armTokenSchema, 'abc')).toEqual(['must be 64 lowercase hex characters']);
    expect(issues(armTokenSchema, undefined)).toEqual(['required']);
  });

  it('refuses extra fields, so a client cannot smuggle in another operator field', () => {
    expect(issues(armingSchemas.disarm.request, { operator: 'alice', as: 'bob' })).toEqual([
      'Unrecognized key: "as"',
    ]);
  });
});

describe('arming replies', () => {
  it('carries a result or a coded error', () => {
    const ok: ArmingReply<'status'> = { ok: true, result: snapshot };
    expect(armingSchemas.status.reply.parse(ok)).toEqual(ok);
    const issued = { ok: true, result: { token, expiresAt: '2026-01-31T12:01:00Z' } };
    expect(armingSchemas.request.reply.parse(issued)).toEqual(issued);
    const refused = {
      ok: false,
      error: { code: ArmingErrorCode.TOKEN_EXPIRED, message: 'The arm token expired.' },
    };
    expect(armingSchemas.confirm.reply.parse(refused)).toEqual(refused);
  });

  it('refuses a reply whose result does not match the verb, or an unknown error code', () => {
    expect(issues(armingSchemas.request.reply, { ok: true, result: snapshot })).toEqual([
      'result.token: required',
      'result.expiresAt: required',
    ]);
    expect(
      issues(armingSchemas.kill.reply, { ok: false, error: { code: 'OOPS', message: 'x' } }),
    ).toEqual([
      'error.code: Invalid option: expected one of "TOKEN_MISSING"|"TOKEN_MALFORMED"|"TOKEN_UNKNOWN"|"TOKEN_EXPIRED"|"TOKEN_USED"|"TOKEN_OTHER_OPERATOR"|"WRONG_PHRASE"|"ALREADY_LIVE"|"HALTED"|"NOT_LIVE"|"NOT_HALTED"|"RECONCILE_PENDING"|"SECOND_OPERATOR_REQUIRED"|"RATE_LIMITED"|"NOT_AUTHORIZED"|"INVALID_REQUEST"|"OPERATOR_UNKNOWN"|"OPERATOR_DISABLED"|"OPERATOR_NOT_ALLOWED"',
    ]);
  });

  it('builds an envelope around any result schema', () => {
    const reply = armingReply(z.object({ n: z.number() }));
    expect(reply.parse({ ok: true, result: { n: 1 } })).toEqual({ ok: true, result: { n: 1 } });
    expect(issues(reply, { ok: 'yes' })).toEqual([
      'ok: must be true (with result) or false (with error)',
    ]);
  });

  it('names each reply as an OpenAPI component', () => {
    expect(z.globalRegistry.get(armingSchemas.confirm.reply)?.id).toBe('ArmingConfirmReply');
  });
});
