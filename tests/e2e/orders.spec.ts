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
import { VIEWER } from './stack/credentials.js';

test.beforeEach(async () => {
  await resetToPaper();
});

test('the orders table updates live: a live intent while PAPER arrives as REJECTED NOT_ARMED, a paper one fills; a row opens its event history', async ({
  page,
  snap,
}) => {
  await signIn(page, VIEWER);
  await page.goto('/orders');
  await expect(page.getByText('Updating live')).toBeVisible();
  await page.evaluate(() => ((globalThis as { e2eMarker?: string }).e2eMarker = 'no reload'));
  await snap(page, 'orders-before');

  // A strategy sends a live intent while the stack is PAPER: execution refuses it, nothing reaches the venue.
  const live = newIntentId('e2e-not-armed');
  const liveBefore = (await simOrders('live')).length;
  await submitIntent(limitBuy(live, 'live', '30000.00'));
  const refused = page.locator(`tr[data-intent="${live}"]`);
  await expect(refused).toHaveAttribute('data-state', 'REJECTED', { timeout: 10_000 });
  await expect(refused.getByRole('cell').nth(6)).toHaveText('REJECTED NOT_ARMED');
  await expect(refused.getByRole('cell').nth(1)).toHaveText('live');
  expect((await simOrders('live')).length).toBe(liveBefore);

  // A paper limit buy above the simulator's price fills at once on the paper account.
  const paper = newIntentId('e2e-paper-fill');
  await submitIntent(limitBuy(paper, 'paper', '61000.00'));
  const filled = page.locator(`tr[data-intent="${paper}"]`);
  await expect(filled).toHaveAttribute('data-state', 'FILLED', { timeout: 10_000 });
  await expect(filled.getByRole('cell').nth(8)).toHaveText(/^0\.0010*$/);
  expect(
    (await simOrders('paper')).filter((o) => o.status === 'FILLED').length,
  ).toBeGreaterThanOrEqual(1);

  // Both rows came from order events on the websocket: the page was never reloaded.
  expect(await page.evaluate(() => (globalThis as { e2eMarker?: string }).e2eMarker)).toBe(
    'no reload',
  );
  await expectAccessible(page);
  await snap(page, 'orders-live-rows');

  await refused.getByRole('cell').nth(2).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${live}\\?source=[A-Za-z0-9_-]+$`));
  const history = page.getByRole('list', { name: 'Order events, oldest first' });
  const rejected = history.locator('li[data-type="order.rejected"]');
  await expect(rejected).toHaveCount(1);
  await expect(rejected).toContainText('REJECTED');
  await expect(rejected).toContainText('NOT_ARMED:');
  await expect(page.getByRole('region', { name: 'Current state' })).toContainText('NOT_ARMED');
  await expectAccessible(page);
  await snap(page, 'order-event-history');
});
