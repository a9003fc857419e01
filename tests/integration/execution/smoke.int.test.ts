import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intent, startStack, type Stack } from './fixture.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
  await s.startExecution();
});
afterAll(async () => {
  await s.stop();
});

describe('execution - smoke', () => {
  it('places a paper intent on the paper venue', async () => {
    const i = intent();
    await s.publish(i);
    const row = await s.rowWhen(i.intentId, (r) => r.state === 'NEW');
    expect(row.exchange_order_id).not.toBeNull();
    expect((await s.simOrders('paper')).map((o) => o.clientOrderId)).toEqual([row.client_order_id]);
    expect(await s.simOrders('live')).toEqual([]);
  });
});
