import { clientOrderIdFor } from '@livegate/binance';
import { orderIntentSchema, type OrderEvent, type OrderIntent } from '@livegate/contracts';
import type { ExecutionOrderRow } from '@livegate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intent, startStack, waitFor, type Stack } from './fixture.js';

// Issue 11, "a strategy key is a strategy": the idempotency key of an intent is (source, intentId).
// Before, `intent_id` alone was the key, so strategy alpha publishing an intent with beta's next
// intentId made beta's intent a silent duplicate (attached to alpha's row, never sent). A strategy's
// NATS user may publish on its own subject only, but with any Nats-Msg-Id header: here alpha does
// exactly that on the shared test server.

let s: Stack;
beforeAll(async () => {
  s = await startStack();
  await s.startExecution();
});
afterAll(async () => {
  await s.stop();
});

let seq = 0;
const freshId = () => `shared-${process.pid}-${Date.now().toString(36)}-${(seq += 1)}`;

const rowsOf = (intentId: string): Promise<ExecutionOrderRow[]> =>
  s.t.db
    .selectFrom('execution.orders')
    .selectAll()
    .where('intent_id', '=', intentId)
    .orderBy('source')
    .execute();

const rowWhen = (source: string, intentId: string, state: string) =>
  waitFor(
    `${source}/${intentId} ${state}`,
    async () => (await rowsOf(intentId)).find((r) => r.source === source && r.state === state),
    { timeoutMs: 10_000 },
  );

const eventsOf = (source: string, intentId: string): OrderEvent[] =>
  s.events.events.filter((e) => e.source === source && e.intentId === intentId);

const simOrdersWith = async (clientOrderId: string) =>
  (await s.simOrders('paper')).filter((o) => o.clientOrderId === clientOrderId);

const publishRaw = (i: OrderIntent, msgId: string | undefined) =>
  s.bus.publish(
    s.bus.subjects.orderIntent(i.source),
    orderIntentSchema,
    i,
    msgId === undefined ? {} : { msgId },
  );

describe('execution - idempotency keys are scoped per source', () => {
  it('two strategies may use one intentId: each is its own order with its own client order id', async () => {
    const id = freshId();
    const a = intent({ intentId: id, source: 'alpha' });
    await publishRaw(a, `alpha:${id}`);
    const rowA = await rowWhen('alpha', id, 'NEW');

    // beta's intent under the same id, the same economic fields: before, a silent "repeat" of alpha's.
    const b = intent({ intentId: id, source: 'beta' });
    expect((await publishRaw(b, `beta:${id}`)).duplicate).toBe(false);
    const rowB = await rowWhen('beta', id, 'NEW');

    expect(rowB.client_order_id).not.toBe(rowA.client_order_id);
    // Deterministic from the pair, so a resend of beta's intent is looked up by the same id.
    expect(rowB.client_order_id).toBe(clientOrderIdFor(`beta:${id}`));
    expect(rowA.client_order_id).toBe(clientOrderIdFor(`alpha:${id}`));
    expect(await simOrdersWith(rowA.client_order_id)).toHaveLength(1);
    expect(await simOrdersWith(rowB.client_order_id)).toHaveLength(1);
    expect(eventsOf('beta', id).map((e) => e.type)).toEqual(['order.accepted', 'order.submitted']);
    expect(eventsOf('alpha', id).map((e) => e.type)).toEqual(['order.accepted', 'order.submitted']);
  });

  it('another strategy using the id with other economic fields is not IDEMPOTENCY_KEY_REUSED', async () => {
    const id = freshId();
    await publishRaw(intent({ intentId: id, source: 'alpha' }), `alpha:${id}`);
    await rowWhen('alpha', id, 'NEW');
    await publishRaw(intent({ intentId: id, source: 'beta', price: '49000.00' }), `beta:${id}`);
    const rowB = await rowWhen('beta', id, 'NEW');
    expect(rowB.price).toBe('49000.00');
    expect(s.events.events.some((e) => e.intentId === id && e.type === 'order.rejected')).toBe(
      false,
    );
  });

  it("a message id naming another strategy's intent never executes; the victim's tagged id is not dropped", async () => {
    const victimId = freshId();
    const ownId = freshId();
    // alpha, on its own subject, takes the message id beta will use for its next intent.
    const forged = intent({ intentId: ownId, source: 'alpha' });
    expect((await publishRaw(forged, `beta:${victimId}`)).duplicate).toBe(false);
    const refused = await waitFor('the forged message refused', () =>
      eventsOf('alpha', ownId).find((e) => e.type === 'order.rejected'),
    );
    expect(refused).toMatchObject({
      code: 'INVALID_INTENT',
      state: 'REJECTED',
      details: {
        issues: [
          `Nats-Msg-Id: must be "alpha:${ownId}" (or "alpha:${ownId}:<tag>"), got "beta:${victimId}"`,
        ],
      },
    });
    expect(await rowsOf(ownId)).toEqual([]);

    // The residual (docs/02 "Trust"): beta's plain `beta:<id>` is now a JetStream duplicate…
    const victim = intent({ intentId: victimId, source: 'beta' });
    expect((await publishRaw(victim, `beta:${victimId}`)).duplicate).toBe(true);
    // …which an unguessable tag avoids (the gateway always adds one): beta's intent executes.
    expect((await publishRaw(victim, `beta:${victimId}:k7Qz2`)).duplicate).toBe(false);
    const row = await rowWhen('beta', victimId, 'NEW');
    expect(await simOrdersWith(row.client_order_id)).toHaveLength(1);
  });

  it.each([
    ['the bare intentId (the old contract)', (id: string) => id],
    ['no message id', () => undefined],
    ["another intent's id of the same source", (id: string) => `alpha:${id}-other`],
    ['an empty tag', (id: string) => `alpha:${id}:`],
  ])('refuses %s as INVALID_INTENT and stores nothing', async (_what, msgIdOf) => {
    const id = freshId();
    await publishRaw(intent({ intentId: id, source: 'alpha' }), msgIdOf(id));
    const refused = await waitFor('the refusal', () =>
      eventsOf('alpha', id).find((e) => e.type === 'order.rejected'),
    );
    expect(refused).toMatchObject({ code: 'INVALID_INTENT' });
    expect(await rowsOf(id)).toEqual([]);
  });

  it('a replay of one (source, intentId) never becomes a second exchange order, nor touches the other source', async () => {
    const id = freshId();
    await publishRaw(intent({ intentId: id, source: 'alpha' }), `alpha:${id}`);
    const rowA = await rowWhen('alpha', id, 'NEW');
    const b = intent({ intentId: id, source: 'beta' });
    await publishRaw(b, `beta:${id}`);
    const rowB = await rowWhen('beta', id, 'NEW');

    // Replays past JetStream's dedup (other tags): Postgres attaches them to beta's row.
    for (const tag of ['r1', 'r2', 'r3']) await publishRaw(b, `beta:${id}:${tag}`);
    await waitFor(
      'three republished outcomes for beta',
      () => eventsOf('beta', id).filter((e) => e.type === 'order.updated').length === 3,
    );
    expect(await simOrdersWith(rowB.client_order_id)).toHaveLength(1);
    expect(await simOrdersWith(rowA.client_order_id)).toHaveLength(1);
    expect(await rowsOf(id)).toEqual([rowA, rowB]);
    expect(eventsOf('alpha', id).map((e) => e.type)).toEqual(['order.accepted', 'order.submitted']);
  });
});
