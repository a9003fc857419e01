import { banner, expect, resetToPaper, signIn, test } from './fixtures.js';
import { VIEWER } from './stack/credentials.js';

test.beforeEach(async () => {
  await resetToPaper();
});

test('a viewer sees the mode but no controls, and the API refuses a viewer arming', async ({
  page,
  baseURL,
  snap,
}) => {
  await signIn(page, VIEWER);
  await expect(banner(page)).toHaveAttribute('data-mode', 'PAPER');
  await expect(page.getByRole('navigation', { name: 'Main' })).toContainText(
    `${VIEWER.name} (viewer)`,
  );
  await expect(page.getByRole('button', { name: 'ARM LIVE' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Kill switch' })).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Trading controls' })).toHaveCount(0);
  await page.goto('/reconcile');
  await expect(page.getByRole('button', { name: 'Reconcile now' })).toHaveCount(0);
  await snap(page, 'viewer');

  // The same session, straight at the API through the dashboard's origin.
  const refused = await page.request.post('/api/live/arm', {
    data: { reason: 'a viewer tries' },
    headers: { origin: baseURL ?? '' },
  });
  expect(refused.status()).toBe(403);
  const body = (await refused.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('FORBIDDEN');
  expect(body.error.message).toMatch(/viewer/);
  await page.reload();
  await expect(banner(page)).toHaveAttribute('data-mode', 'PAPER');
});
