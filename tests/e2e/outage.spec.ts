import {
  alertsSeen,
  banner,
  expect,
  expectAccessible,
  gatewayAs,
  gatewayControl,
  type InPage,
  recordAlerts,
  resetToPaper,
  signIn,
  test,
} from './fixtures.js';
import { OPERATOR } from './stack/credentials.js';

test.beforeEach(async () => {
  await resetToPaper();
});

// Whatever a scenario did, the next one finds the gateway up.
test.afterEach(async () => {
  await gatewayControl('start');
});

test('alerts: a halt beeps (sound on by default) and, once desktop alerts are allowed, raises a notification; the tab title names the mode', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['notifications'], { origin: baseURL ?? '' });
  await recordAlerts(page);
  await signIn(page, OPERATOR);
  await expect(page).toHaveTitle('PAPER · Overview · livegate');
  await expect(page.getByRole('checkbox', { name: 'Sound' })).toBeChecked();
  await page.getByRole('checkbox', { name: 'Desktop alerts' }).check();

  const gw = await gatewayAs(OPERATOR);
  expect((await gw.post('/api/live/kill', { reason: 'e2e: alert on halt' })).status).toBe(200);
  await expect(banner(page)).toHaveAttribute('data-mode', 'HALTED');
  await expect(page).toHaveTitle('HALTED · Overview · livegate');
  await expect
    .poll(async () => (await alertsSeen(page)).notifications)
    .toEqual([expect.stringMatching(/^livegate: HALTED: .*olivia.*e2e: alert on halt/)]);
  expect((await alertsSeen(page)).beeps).toBeGreaterThanOrEqual(1);
});

test('gateway down: "Disconnected" is loud and alerts, the kill dialog gives the out-of-band halt, and a reload recovers by itself once the gateway is back', async ({
  page,
  context,
  baseURL,
  snap,
}) => {
  await context.grantPermissions(['notifications'], { origin: baseURL ?? '' });
  await recordAlerts(page);
  await signIn(page, OPERATOR);
  await page.getByRole('checkbox', { name: 'Desktop alerts' }).check();

  await gatewayControl('stop');
  const down = banner(page).getByRole('alert');
  await expect(down).toContainText('Disconnected', { timeout: 10_000 });
  // As loud as the mode itself: at least the mode label's size, bold, on its own strong background.
  const loudness = await down.evaluate((el) => {
    const { getComputedStyle } = globalThis as unknown as InPage;
    const mode = el.closest('section')?.querySelector('.mode');
    const s = getComputedStyle(el);
    return {
      size: parseFloat(s.fontSize),
      modeSize: mode ? parseFloat(getComputedStyle(mode).fontSize) : NaN,
      weight: Number(s.fontWeight),
      background: s.backgroundColor,
    };
  });
  expect(loudness.size).toBeGreaterThanOrEqual(loudness.modeSize);
  expect(loudness.weight).toBeGreaterThanOrEqual(700);
  expect(loudness.background).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
  await expect(page).toHaveTitle(/^Disconnected · PAPER · Overview · livegate$/);
  await expect
    .poll(async () => (await alertsSeen(page)).notifications, { timeout: 10_000 })
    .toContainEqual(expect.stringMatching(/^livegate: Disconnected/));

  await page.getByRole('button', { name: 'Kill switch' }).click();
  const kill = page.getByRole('dialog', { name: 'Kill switch' });
  await kill.getByLabel(/Reason/).fill('e2e: gateway "down"');
  const outOfBand = kill.getByRole('region', { name: 'Halt without the dashboard' });
  await expect(outOfBand.getByTestId('halt-command')).toHaveText(
    'pnpm halt --reason "e2e: gateway \\"down\\""',
  );
  await expect(outOfBand).toContainText('docs/05_RUNBOOK.md');
  await expect(outOfBand).toContainText('Stop trading when the dashboard cannot');
  await expectAccessible(page, '[role="dialog"]');
  await snap(page, 'kill-dialog-gateway-down');
  await kill.getByRole('button', { name: 'Cancel' }).click();

  // A reload while the gateway is down: a visible retry, never a dead end.
  await page.reload();
  const outage = page.getByRole('main');
  await expect(
    outage.getByRole('heading', { name: 'The gateway cannot be reached' }),
  ).toBeVisible();
  await expect(outage.getByRole('status')).toContainText(/Retrying in \d+ s|Trying again/);
  await expect(outage.getByRole('region', { name: 'Halt without the dashboard' })).toContainText(
    'pnpm halt --reason',
  );
  await expectAccessible(page);
  await snap(page, 'reload-gateway-down');

  await gatewayControl('start');
  await expect(banner(page)).toContainText('Live updates', { timeout: 20_000 });
  await expect(banner(page)).toHaveAttribute('data-mode', 'PAPER');
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await snap(page, 'recovered');
});
