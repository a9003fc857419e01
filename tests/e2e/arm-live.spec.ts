import { banner, expect, expectAccessible, resetToPaper, signIn, test } from './fixtures.js';
import { OPERATOR, VIEWER } from './stack/credentials.js';

test.beforeEach(async () => {
  await resetToPaper();
});

test('ARM LIVE in two steps: the banner turns LIVE with a countdown, another browser sees it without reload; disarm → PAPER', async ({
  page,
  browser,
  baseURL,
  snap,
}) => {
  const watcherContext = await browser.newContext({ baseURL });
  const watcher = await watcherContext.newPage();
  await signIn(watcher, VIEWER);
  await watcher.evaluate(() => ((globalThis as { e2eMarker?: string }).e2eMarker = 'no reload'));

  await signIn(page, OPERATOR);
  await expect(banner(page)).toHaveAttribute('data-mode', 'PAPER');
  await page.getByRole('button', { name: 'ARM LIVE' }).click();

  const dialog = page.getByRole('dialog', { name: 'Arm LIVE trading' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('LIVE means real money');
  await expect(dialog).toContainText('Exchange simulator (E2E)');
  await expect(dialog).toContainText('e2e-account');
  await expect(dialog).toContainText('4 hours, then it disarms by itself');
  await expect(dialog).toContainText('valid for 1 minute after you request it, once');
  await expect(dialog.getByRole('checkbox', { name: /I understand/ })).toBeFocused();
  await expectAccessible(page, '[role="dialog"]');
  await snap(page, 'arm-step-1');

  // Focus stays in the modal however far one tabs.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    await expect(dialog.locator(':focus')).toHaveCount(1);
  }

  const request = dialog.getByRole('button', { name: 'Request arming token' });
  await expect(request).toBeDisabled();
  await dialog.getByRole('checkbox', { name: /I understand/ }).check();
  await dialog.getByLabel(/Reason for arming/).fill('e2e: open a live session');
  await request.click();

  await expect(dialog.getByRole('form', { name: /Step 2 of 2/ })).toBeVisible();
  await expect(dialog.getByRole('timer', { name: 'Arming token expires in' })).toHaveText(
    /^\d+s$|^1m 00s$/,
  );
  const phrase = dialog.getByLabel(/Type ARM LIVE to confirm/);
  await expect(phrase).toBeFocused();
  await expectAccessible(page, '[role="dialog"]');
  await snap(page, 'arm-step-2');

  const arm = dialog.getByRole('button', { name: 'Arm LIVE now' });
  await phrase.fill('arm live');
  await expect(arm).toBeDisabled();
  await phrase.fill('ARM LIVE');
  await arm.click();

  await expect(dialog).toBeHidden();
  await expect(banner(page)).toHaveAttribute('data-mode', 'LIVE');
  // The other browser learns it only from mode.changed on its websocket: within a second, no reload.
  await expect(banner(watcher)).toHaveAttribute('data-mode', 'LIVE', { timeout: 1_000 });
  expect(await watcher.evaluate(() => (globalThis as { e2eMarker?: string }).e2eMarker)).toBe(
    'no reload',
  );

  await expect(banner(page)).toContainText(`Armed by ${OPERATOR.name}.`);
  const sessionTimer = banner(page).getByRole('timer', { name: 'Live session ends in' });
  await expect(sessionTimer).toHaveText(/^(4h 00m 00s|3h 59m \d\ds)$/);
  const first = await sessionTimer.textContent();
  await expect(sessionTimer).not.toHaveText(first ?? '');
  await snap(page, 'live');
  await expect(banner(watcher).getByRole('timer', { name: 'Live session ends in' })).toBeVisible();
  await snap(watcher, 'watcher-live');

  await page.getByRole('button', { name: 'Disarm' }).click();
  const disarm = page.getByRole('dialog', { name: 'Disarm LIVE' });
  await expectAccessible(page, '[role="dialog"]');
  await disarm.getByLabel(/Reason/).fill('e2e: done');
  await disarm.getByRole('button', { name: 'Disarm now' }).click();
  await expect(banner(page)).toHaveAttribute('data-mode', 'PAPER');
  await expect(banner(watcher)).toHaveAttribute('data-mode', 'PAPER', { timeout: 1_000 });
  await snap(page, 'disarmed');
  await watcherContext.close();
});

test('Escape cancels the modal and returns focus to the ARM LIVE button', async ({ page }) => {
  await signIn(page, OPERATOR);
  const open = page.getByRole('button', { name: 'ARM LIVE' });
  await open.click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(open).toBeFocused();
  await expect(banner(page)).toHaveAttribute('data-mode', 'PAPER');
});
