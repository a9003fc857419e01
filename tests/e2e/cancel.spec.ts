import {
  expect,
  expectAccessible,
  limitBuy,
  newIntentId,
  resetToPaper,
  signIn,
  simOrders,
  submitIntent,
  test,
} from './fixtures.js';
import { ENV, fromEnv, OPERATOR, VIEWER } from './stack/credentials.js';

test.beforeEach(async () => {
  await resetToPaper();
});

test('an operator cancels one open order with a reason; its events show PENDING_CANCEL then CANCELED', async ({
  page,
  snap,
}) => {
  await signIn(page, OPERATOR);
  await page.goto('/orders');
  await expect(page.getByText('Updating live')).toBeVisible();
  const id = newIntentId('e2e-cancel');
  await submitIntent(limitBuy(id, 'paper', '30000.00'));
  const row = page.locator(`tr[data-intent="${id}"]`);
  await expect(row).toHaveAttribute('data-state', 'NEW', { timeout: 10_000 });
  const canceledBefore = (await simOrders('paper')).filter((o) => o.status === 'CANCELED').length;

  await row.getByRole('button', { name: `Cancel order ${id}` }).click();
  const dialog = page.getByRole('dialog', { name: `Cancel order ${id}` });
  await expect(dialog.getByRole('button', { name: 'Cancel order' })).toBeDisabled();
  await dialog.getByRole('textbox').fill('e2e: wrong price');
  await snap(page, 'cancel-dialog');
  await dialog.getByRole('button', { name: 'Cancel order' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toHaveAttribute('data-state', 'CANCELED', { timeout: 10_000 });
  await expect(row.getByRole('button', { name: `Cancel order ${id}` })).toHaveCount(0);
  expect((await simOrders('paper')).filter((o) => o.status === 'CANCELED').length).toBe(
    canceledBefore + 1,
  );
  await expectAccessible(page);

  await row.getByRole('cell').nth(2).click();
  const history = page.getByRole('list', { name: 'Order events, oldest first' });
  await expect(history.locator('li[data-type="order.canceled"]')).toHaveCount(1);
  await expect(history).toContainText('PENDING_CANCEL');
  await snap(page, 'cancel-history');
});

test('an operator cancels every open order of a symbol; a strategy cancels its own with its key; a viewer gets no Cancel button', async ({
  page,
}) => {
  const a = newIntentId('e2e-cancel-all-a');
  const b = newIntentId('e2e-cancel-all-b');
  await submitIntent(limitBuy(a, 'paper', '500.00', { symbol: 'BNBUSDT', quantity: '0.1' }));
  await submitIntent(limitBuy(b, 'paper', '501.00', { symbol: 'BNBUSDT', quantity: '0.1' }));

  await signIn(page, VIEWER);
  await page.goto('/orders');
  const rowA = page.locator(`tr[data-intent="${a}"]`);
  await expect(rowA).toHaveAttribute('data-state', 'NEW', { timeout: 10_000 });
  await expect(page.getByRole('button', { name: /^Cancel order/ })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Cancel all orders of a symbol' })).toHaveCount(0);

  await page.context().clearCookies();
  await signIn(page, OPERATOR);
  await page.goto('/orders');
  await page.getByRole('textbox', { name: 'Symbol' }).fill('BNBUSDT');
  await page.getByRole('button', { name: 'Cancel all open orders of the symbol' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel every open BNBUSDT order' });
  await dialog.getByRole('textbox').fill('e2e: flatten BNB');
  await dialog.getByRole('button', { name: 'Cancel all' }).click();
  await expect(
    page.getByText(/^Cancel requested for \d+ open BNBUSDT order\(s\)\.$/),
  ).toBeVisible();
  for (const id of [a, b])
    await expect(page.locator(`tr[data-intent="${id}"]`)).toHaveAttribute(
      'data-state',
      'CANCELED',
      { timeout: 10_000 },
    );

  // A strategy cancels its own order with its API key.
  const own = newIntentId('e2e-cancel-key');
  await submitIntent(limitBuy(own, 'paper', '30000.00'));
  const ownRow = page.locator(`tr[data-intent="${own}"]`);
  await expect(ownRow).toHaveAttribute('data-state', 'NEW', { timeout: 10_000 });
  const res = await fetch(`${fromEnv(ENV.gatewayUrl)}/api/orders/${own}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${fromEnv(ENV.strategyKey)}` },
  });
  expect(res.status).toBe(202);
  await expect(ownRow).toHaveAttribute('data-state', 'CANCELED', { timeout: 10_000 });
});
