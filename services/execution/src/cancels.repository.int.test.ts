import { orderCancelSchema } from '@livegate/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/harness/src/index.js';
import { claimCancel, resolveCancel } from './cancels.repository.js';

describe('cancels repository', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  const cancel = orderCancelSchema.parse({
    cancelId: 'c-1',
    intentId: 'i-1',
    source: 'alpha',
    reason: 'Wrong price.',
    at: '2026-01-31T12:00:00.000Z',
  });

  it('records a cancel once, leases it to one instance, and keeps its first outcome', async () => {
    const first = await claimCancel(t.db, {
      cancel,
      source: 'alpha',
      instanceId: 'a',
      leaseMs: 60_000,
    });
    expect(first).toMatchObject({
      kind: 'mine',
      row: { lease_holder: 'a', reason: 'Wrong price.' },
    });
    expect(
      await claimCancel(t.db, { cancel, source: 'alpha', instanceId: 'b', leaseMs: 60_000 }),
    ).toEqual({ kind: 'busy', holder: 'a' });
    expect(
      await claimCancel(t.db, { cancel, source: 'alpha', instanceId: 'a', leaseMs: 60_000 }),
    ).toMatchObject({ kind: 'mine' });
    await t.db.transaction().execute(async (trx) => {
      await resolveCancel(trx, {
        source: 'alpha',
        cancelId: 'c-1',
        outcome: 'CANCELED',
        finalState: 'CANCELED',
        message: 'The order is cancelled.',
      });
      await resolveCancel(trx, {
        source: 'alpha',
        cancelId: 'c-1',
        outcome: 'FINAL',
        finalState: 'FILLED',
        message: 'later',
      });
    });
    expect(
      await claimCancel(t.db, { cancel, source: 'alpha', instanceId: 'b', leaseMs: 60_000 }),
    ).toMatchObject({ kind: 'done', row: { outcome: 'CANCELED', lease_holder: null } });
  });

  it('lets another instance take over a lease that expired', async () => {
    const other = { ...cancel, cancelId: 'c-2' };
    await claimCancel(t.db, { cancel: other, source: 'alpha', instanceId: 'a', leaseMs: 0 });
    expect(
      await claimCancel(t.db, { cancel: other, source: 'alpha', instanceId: 'b', leaseMs: 60_000 }),
    ).toMatchObject({ kind: 'mine', row: { lease_holder: 'b' } });
  });
});
