import {
  banner,
  expect,
  expectAccessible,
  gatewayAs,
  limitBuy,
  newIntentId,
  resetToPaper,
  signIn,
  simOrders,
  submitIntent,
  test,
} from './fixtures.js';
import { OPERATOR } from './stack/credentials.js';

test.beforeEach(async () => {
  await resetToPaper();
});

test('kill switch from LIVE → HALTED with who and why cancels the resting live orders (table and exchange); release → PAPER', async ({
  page,
  snap,
}) => {
  const gw = await gatewayAs(OPERATOR);
  const issued = await gw.post('/api/live/arm', { reason: 'e2e: live before the kill' });
  expect(issued.status).toBe(200);
  const started = await gw.post('/api/live/start', {
    token: issued.body.token,
    confirmation: 'ARM LIVE',
  });
  expect(started.body.mode).toBe('LIVE');

  await signIn(page, OPERATOR);
  await page.goto('/orders');
  await expect(page.getByText('Updating live')).toBeVisible();
  await expect(banner(page)).toHaveAttribute('data-mode', 'LIVE');
  await page.evaluate(() => ((globalThis as { e2eMarker?: string }).e2eMarker = 'no reload'));

  // Two live limit buys far below the simulator's 60000: they rest on the live account.
  const ids = [newIntentId('e2e-kill-a'), newIntentId('e2e-kill-b')];
  await submitIntent(limitBuy(ids[0]!, 'live', '30000.00'));
  await submitIntent(limitBuy(ids[1]!, 'live', '31000.00'));
  const rows = ids.map((id) => page.locator(`tr[data-intent="${id}"]`));
  for (const row of rows) {
    await expect(row).toHaveAttribute('data-state', 'NEW', { timeout: 10_000 });
    await expect(row).toContainText('live');
  }
  const clientIds = await Promise.all(
    ids.map(async (id) => String((await gw.get(`/api/orders/${id}`)).body.clientOrderId)),
  );
  const onExchange = async () =>
    (await simOrders('live'))
      .filter((o) => clientIds.includes(o.clientOrderId))
      .map((o) => o.status);
  expect(await onExchange()).toEqual(['NEW', 'NEW']);
  await snap(page, 'live-orders-resting');

  await page.getByRole('button', { name: 'Kill switch' }).click();
  const kill = page.getByRole('dialog', { name: 'Kill switch' });
  await expect(kill).toContainText('open live orders are cancelled');
  const halt = kill.getByRole('button', { name: 'Halt trading now' });
  await expect(halt).toBeDisabled();
  await expectAccessible(page, '[role="dialog"]');
  await snap(page, 'kill-dialog');
  await kill.getByLabel(/Reason/).fill('e2e: runaway strategy');
  await halt.click();

  await expect(banner(page)).toHaveAttribute('data-mode', 'HALTED');
  await expect(banner(page)).toContainText(`Halted by ${OPERATOR.name}: e2e: runaway strategy.`);
  await expect(page.getByRole('button', { name: 'ARM LIVE' })).toHaveCount(0);
  // The rows turn CANCELED from the order events execution publishes after the venue's answers.
  for (const row of rows)
    await expect(row).toHaveAttribute('data-state', 'CANCELED', { timeout: 10_000 });
  expect(await page.evaluate(() => (globalThis as { e2eMarker?: string }).e2eMarker)).toBe(
    'no reload',
  );
  expect(await onExchange()).toEqual(['CANCELED', 'CANCELED']);
  await expectAccessible(page);
  await snap(page, 'halted-orders-cancelled');
  expect((await gw.get('/api/mode')).body.mode).toBe('HALTED');

  await page.getByRole('button', { name: 'Release' }).click();
  const release = page.getByRole('dialog', { name: 'Release the kill switch' });
  await release.getByLabel(/Reason/).fill('e2e: strategy fixed');
  await release.getByRole('button', { name: 'Release to PAPER' }).click();
  await expect(banner(page)).toHaveAttribute('data-mode', 'PAPER');
  await expect(page.getByRole('button', { name: 'ARM LIVE' })).toBeVisible();
  await snap(page, 'released');
  expect((await gw.get('/api/mode')).body.mode).toBe('PAPER');
});
