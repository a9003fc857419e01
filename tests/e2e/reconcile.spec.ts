import { randomBytes } from 'node:crypto';
import {
  expect,
  expectAccessible,
  gatewayAs,
  limitBuy,
  newIntentId,
  placeExternalOrder,
  resetToPaper,
  signIn,
  simAdmin,
  submitIntent,
  test,
} from './fixtures.js';
import { OPERATOR } from './stack/credentials.js';

test.beforeEach(async () => {
  await resetToPaper();
});

test('"Reconcile now" runs the reconciler: the paper report updates and lists the order placed on the exchange by hand', async ({
  page,
  snap,
}) => {
  // A run after start-up reads the open orders of the symbols livegate has open rows on: rest one
  // paper order on BNBUSDT (far below 600), then place another there by hand on the same account.
  const ours = newIntentId('e2e-reconcile');
  await submitIntent(limitBuy(ours, 'paper', '300.00', { symbol: 'BNBUSDT', quantity: '0.100' }));
  const gw = await gatewayAs(OPERATOR);
  await expect
    .poll(async () => (await gw.get(`/api/orders/${ours}`)).body.state, { timeout: 10_000 })
    .toBe('NEW');
  const clientOrderId = `web_manual_${randomBytes(3).toString('hex')}`;
  const external = await placeExternalOrder('paper', {
    symbol: 'BNBUSDT',
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'GTC',
    quantity: '0.100',
    price: '290.00',
    newClientOrderId: clientOrderId,
  });
  try {
    await signIn(page, OPERATOR);
    await page.goto('/reconcile');
    const paper = page.getByRole('region', { name: 'Last paper reconcile' });
    const report = paper.locator('.report');
    // The last paper run (at start-up) saw neither order.
    await expect(report).toHaveAttribute('data-run', /\S/);
    const before = await report.getAttribute('data-run');
    await expect(paper.locator('dt:text-is("External orders") + dd')).toHaveText('0');
    await snap(page, 'reconcile-before');

    const now = page.getByRole('region', { name: 'Reconcile now' });
    await now.getByRole('button', { name: 'Reconcile now' }).click();
    await expect(now.getByRole('status')).toHaveText('Finished: the report above is this run.', {
      timeout: 15_000,
    });
    await expect(report).not.toHaveAttribute('data-run', before ?? '');
    await expect(paper).toContainText('Database and exchange agree.');
    await expect(paper.locator('dt:text-is("Trigger") + dd')).toHaveText('operator');
    await expect(paper.locator('dt:text-is("Rows checked") + dd')).not.toHaveText('0');
    await expect(paper.locator('dt:text-is("External orders") + dd')).toHaveText('1');
    const row = page
      .getByRole('table', { name: 'External orders' })
      .locator(`tr[data-order="paper:BNBUSDT:${external.orderId}"]`);
    await expect(row).toContainText(clientOrderId);
    await expect(row).toContainText('NEW');
    await expect(row).toContainText('reported');
    await expectAccessible(page);
    await snap(page, 'reconcile-after');
  } finally {
    await simAdmin('POST', `/orders/${external.orderId}/cancel`);
  }
});
