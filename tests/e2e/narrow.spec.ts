import type { Page } from '@playwright/test';
import {
  expect,
  type InPage,
  limitBuy,
  newIntentId,
  resetToPaper,
  signIn,
  submitIntent,
  test,
} from './fixtures.js';
import { OPERATOR } from './stack/credentials.js';

test.use({ viewport: { width: 390, height: 844 } });

test.beforeEach(async () => {
  await resetToPaper();
});

/** How far the page itself scrolls sideways (0: not at all); tables may scroll inside their own box. */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const { documentElement: html } = (globalThis as unknown as InPage).document;
    return html.scrollWidth - html.clientWidth;
  });

test('at 390 px wide no page scrolls sideways: wide tables scroll inside their own container', async ({
  page,
  snap,
}) => {
  const id = newIntentId('e2e-narrow');
  await submitIntent(limitBuy(id, 'paper', '30500.00'));
  await page.goto('/login');
  expect(await sideways(page)).toBe(0);
  await signIn(page, OPERATOR);

  for (const path of ['/', '/orders', `/orders/${id}`, '/reconcile', '/money', '/audit']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    if (path === '/orders' || path === '/audit')
      await expect(page.locator('tbody tr').first()).toBeVisible();
    expect(await sideways(page), `${path} scrolls sideways`).toBe(0);
    await snap(page, `narrow${path.replaceAll('/', '-') || '-overview'}`);
  }
  // The orders table is wider than the screen, and scrolls in its own box.
  await page.goto('/orders');
  const box = page.locator('.table-scroll').first();
  await expect(box.locator('table')).toBeVisible();
  expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  expect(
    await box.evaluate((el) => (globalThis as unknown as InPage).getComputedStyle(el).overflowX),
  ).toBe('auto');
});
