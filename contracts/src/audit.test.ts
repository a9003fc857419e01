import { describe, expect, it } from 'vitest';
import { auditEventSchema } from './audit.js';
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
