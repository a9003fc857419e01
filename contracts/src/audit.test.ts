import { describe, expect, it } from 'vitest';
import { auditAnchorSchema, auditEventSchema } from './audit.js';
import { parseResult } from './issues.js';

const row = {
  id: '42',
  kind: 'arm_confirmed',
  actor: 'alice',
  subject: 'session:sess-1',
  details: { reason: 'Go live.' },
  at: '2026-01-31T12:00:00Z',
  hash: 'f'.repeat(64),
};
const issues = (value: unknown) => {
  const result = parseResult(auditEventSchema, value);
  return result.ok ? [] : result.issues;
};

describe('auditEventSchema', () => {
  it('accepts a row, with or without a subject, and dotted kinds', () => {
    expect(auditEventSchema.parse(row)).toEqual(row);
    expect(issues({ ...row, subject: undefined, kind: 'arm.refused' })).toEqual([]);
  });

  it('refuses a numeric id, a bad kind, a short hash and an empty actor', () => {
    expect(issues({ ...row, id: 42, kind: 'Arm Confirmed', hash: 'abc', actor: '' })).toEqual([
      'id: Invalid input: expected string, received number',
      'kind: must be lowercase letters, digits and "_", in parts joined by "."',
      'actor: must not be empty',
      'hash: must be 64 lowercase hex characters',
    ]);
    expect(issues({ ...row, kind: 'a.', details: undefined })).toEqual([
      'kind: must be lowercase letters, digits and "_", in parts joined by "."',
      'details: required',
    ]);
  });
});

describe('audit anchor', () => {
  const anchor = { lastId: '42', hash: 'b'.repeat(64), at: '2026-03-02T09:00:00.000Z' };

  it('takes the head id, its hash and when it was anchored', () => {
    expect(auditAnchorSchema.parse(anchor)).toEqual(anchor);
  });

  it('refuses a numeric id, a short hash and a local time', () => {
    const parsed = auditAnchorSchema.safeParse({ lastId: 42, hash: 'abc', at: '2026-03-02 09:00' });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'))).toEqual([
      'lastId',
      'hash',
      'at',
    ]);
  });
});
