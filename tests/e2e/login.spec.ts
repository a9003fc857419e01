import { banner, expect, expectAccessible, resetToPaper, signIn, test } from './fixtures.js';
import { OPERATOR } from './stack/credentials.js';

test.beforeEach(async () => {
  await resetToPaper();
});

test('a signed-out visit goes to sign-in; a wrong password gets the gateway sentence; then the PAPER banner', async ({
  page,
  snap,
}) => {
  await page.goto('/orders');
  await expect(page).toHaveURL(/\/login\?next=%2Forders$/);
  await expect(banner(page)).toContainText('Sign in to see the trading mode.');
  await expectAccessible(page);
  await snap(page, 'login');

  await page.getByLabel('Name').fill(OPERATOR.name);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('name or password is wrong');
  await snap(page, 'login-refused');

  await page.getByLabel('Password').fill(OPERATOR.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/orders$/);
  await expect(banner(page)).toHaveAttribute('data-mode', 'PAPER');
  await expect(banner(page)).toContainText('Paper trading: no real money is at stake.');
  await expect(banner(page)).toContainText('Live updates');
  await expect(page.getByRole('heading', { name: 'Orders' })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'orders-paper');
});

test('repeated wrong sign-ins for one name are throttled with the gateway sentence', async ({
  page,
  snap,
}) => {
  await page.goto('/login');
  await page.getByLabel('Name').fill('mallory');
  for (let i = 1; i <= 6; i++) {
    await page.getByLabel('Password').fill(`guess number ${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      i <= 5
        ? 'name or password is wrong'
        : /^too many failed sign-ins for this name; try again in \d+ s$/,
    );
  }
  await expectAccessible(page);
  await snap(page, 'login-throttled');
});

test('every page of the signed-in area is axe-clean and carries the banner', async ({
  page,
  snap,
}) => {
  await signIn(page, OPERATOR);
  for (const [path, heading] of [
    ['/', 'Overview'],
    ['/orders', 'Orders'],
    ['/reconcile', 'Reconcile'],
    ['/audit', 'Audit log'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    await expect(banner(page)).toHaveAttribute('data-mode', 'PAPER');
    await expectAccessible(page);
    await snap(page, heading.toLowerCase().replace(' ', '-'));
  }
  await expect(page.getByRole('table', { name: 'Audit log, newest first' })).toContainText(
    'auth.login',
  );

  await page.goto('/orders/e2e-missing');
  await expect(page.getByRole('alert')).toContainText('no order with intentId e2e-missing');
  await expect(page.getByRole('region', { name: 'Event history' })).toContainText(
    'No events to show.',
  );
  await expectAccessible(page);
  await snap(page, 'order-missing');
});

test('the banner says "disconnected" when the socket drops and recovers by itself', async ({
  page,
  snap,
}) => {
  const routed: { close(options?: { code?: number; reason?: string }): Promise<void> }[] = [];
  await page.routeWebSocket('**/ws', (ws) => {
    ws.connectToServer();
    routed.push(ws);
  });
  await signIn(page, OPERATOR);
  expect(routed).toHaveLength(1);
  await routed[0]!.close({ code: 1012, reason: 'e2e: the link drops' });
  await expect(banner(page).getByRole('alert')).toContainText(/Disconnected\s*reconnecting…/);
  await snap(page, 'disconnected');
  await expect(banner(page)).toContainText('Live updates', { timeout: 10_000 });
  expect(routed).toHaveLength(2);
  await expect(banner(page)).toHaveAttribute('data-mode', 'PAPER');
  await snap(page, 'reconnected');
});
