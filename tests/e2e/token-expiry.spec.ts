import { banner, expect, gatewayAs, resetToPaper, signIn, test } from './fixtures.js';
import { ENV, fromEnv, OPERATOR } from './stack/credentials.js';

// The `expiry` stack: its arming service hands out tokens that live 2 s.
const stack = () => ({
  gatewayUrl: fromEnv(ENV.expiryGatewayUrl),
  origin: fromEnv(ENV.expiryWebUrl),
});

// eslint-disable-next-line no-empty-pattern
test.use({ baseURL: async ({}, use) => use(fromEnv(ENV.expiryWebUrl)) });

test.beforeEach(async () => {
  await resetToPaper(stack());
});

test('a token left to expire: the modal says so, the confirm is refused with the expiry sentence, mode stays PAPER', async ({
  page,
  snap,
}) => {
  await signIn(page, OPERATOR);
  await page.getByRole('button', { name: 'ARM LIVE' }).click();
  const dialog = page.getByRole('dialog', { name: 'Arm LIVE trading' });
  await dialog.getByRole('checkbox', { name: /I understand/ }).check();
  await dialog.getByLabel(/Reason for arming/).fill('e2e: let the token expire');
  await dialog.getByRole('button', { name: 'Request arming token' }).click();
  await dialog.getByLabel(/Type ARM LIVE to confirm/).fill('ARM LIVE');

  const timer = dialog.getByRole('timer', { name: 'Arming token expires in' });
  await expect(timer).toHaveText('0s', { timeout: 10_000 });
  await expect(dialog.getByRole('alert')).toContainText('This arming token has expired');
  await snap(page, 'token-expired');

  await dialog.getByRole('button', { name: 'Arm LIVE now' }).click();
  const refusal = dialog.locator('[data-code="TOKEN_EXPIRED"]');
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText(/expired/i);
  await expect(dialog.getByRole('button', { name: 'Arm LIVE now' })).toBeDisabled();
  await expect(dialog.getByRole('button', { name: 'Start over' })).toBeVisible();
  await snap(page, 'confirm-refused');

  await expect(banner(page)).toHaveAttribute('data-mode', 'PAPER');
  const gw = await gatewayAs(OPERATOR, stack());
  expect((await gw.get('/api/mode')).body.mode).toBe('PAPER');

  await dialog.getByRole('button', { name: 'Start over' }).click();
  await expect(dialog.getByRole('form', { name: /Step 1 of 2/ })).toBeVisible();
  await snap(page, 'start-over');
});
