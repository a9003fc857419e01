import {
  banner,
  expect,
  expectAccessible,
  gatewayAs,
  resetToPaper,
  signIn,
  test,
} from './fixtures.js';
import { OPERATOR } from './stack/credentials.js';

test.beforeEach(async () => {
  await resetToPaper();
});

test('kill switch from LIVE → HALTED with who and why; release → PAPER', async ({ page, snap }) => {
  const gw = await gatewayAs(OPERATOR);
  const issued = await gw.post('/api/live/arm', { reason: 'e2e: live before the kill' });
  expect(issued.status).toBe(200);
  const started = await gw.post('/api/live/start', {
    token: issued.body.token,
    confirmation: 'ARM LIVE',
  });
  expect(started.body.mode).toBe('LIVE');

  await signIn(page, OPERATOR);
  await expect(banner(page)).toHaveAttribute('data-mode', 'LIVE');
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
  await expectAccessible(page);
  await snap(page, 'halted');
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
