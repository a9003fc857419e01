import { auditEventSchema } from '@livegate/contracts';
import { describe, expect, it } from 'vitest';
import type { AuditRow } from './audit-log.table.js';
import { toAuditEvent } from './audit-event.js';

const row: AuditRow = {
  id: '12',
  at: new Date('2026-01-01T12:00:00Z'),
  kind: 'arming.confirmed',
  actor: 'alice',
  subject: 's1',
  details: { version: 1 },
  prev_hash: '0'.repeat(64),
  hash: 'a'.repeat(64),
};

describe('toAuditEvent', () => {
  it('publishes the row as stored, without its chain link', () => {
    expect(auditEventSchema.parse(toAuditEvent(row))).toEqual({
      id: '12',
      kind: 'arming.confirmed',
      actor: 'alice',
      subject: 's1',
      details: { version: 1 },
      at: '2026-01-01T12:00:00.000Z',
      hash: 'a'.repeat(64),
    });
  });

  it('leaves out an empty subject', () => {
    expect(toAuditEvent({ ...row, subject: null })).not.toHaveProperty('subject');
  });
});
